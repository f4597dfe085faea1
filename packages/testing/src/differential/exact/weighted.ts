/**
 * CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED on uint8 (legacy per-tensor weights with a zero point) and
 * int8, bit for bit against LiteRT.js:
 * - "ties": every input code through one-tap filters with requantization scales of 2^-k, so the scaled
 *   accumulator lands on exact halves (where half-up, half-away and half-even rounding disagree) and
 *   beyond the output range; fused RELU6 / RELU_N1_TO_1 with output scales that put their bounds on halves;
 * - "layers": MobileNet-shaped layers with trained-looking parameters (many outputs, few exact ties, but
 *   every double- versus single-rounding difference shows);
 * depthwise and dense layers with and without bias (LiteRT's XNNPACK delegate only takes a depthwise
 * convolution that has one: the others run on TFLite's builtin kernels).
 */
import {
  allocTyped,
  BuiltinOp,
  intRange,
  type FusedActivation,
  type QuantizationParams,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { convOptions, depthwiseOptions, fullyConnectedOptions, outSize, type Window } from '../options.js';
import { randomInts, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { centred, everyCode } from './codes.js';

type WeightedOp = 'CONV_2D' | 'DEPTHWISE_CONV_2D' | 'FULLY_CONNECTED';
type Q8 = Extract<QuantDType, 'int8' | 'uint8'>;

/** The op version TFLite's converter writes for the type (int8 per-channel needs the later versions). */
function versionOf(op: WeightedOp, dtype: Q8): number {
  if (dtype === 'uint8') return 1;
  return op === 'FULLY_CONNECTED' ? 4 : 3;
}

interface Layer {
  readonly op: WeightedOp;
  readonly dtype: Q8;
  /** NHWC input (FULLY_CONNECTED: [batch, depth]). */
  readonly input: readonly number[];
  readonly inputQ: QuantizationParams;
  readonly inputData: TypedArray;
  /** OHWI (CONV_2D), 1HWO (DEPTHWISE_CONV_2D) or [units, depth]. */
  readonly weightShape: readonly number[];
  readonly weightQ: QuantizationParams;
  readonly weights: TypedArray;
  readonly bias: Int32Array | null;
  readonly outputQ: QuantizationParams;
  readonly window?: Window;
  readonly depthMultiplier?: number;
  readonly activation: FusedActivation;
  readonly label: string;
}

function outputShape(l: Layer): number[] {
  const outC = l.op === 'FULLY_CONNECTED' || l.op === 'CONV_2D' ? l.weightShape[0] : l.weightShape[3];
  if (l.op === 'FULLY_CONNECTED') return [l.input[0], outC];
  const w = l.window!;
  const [kh, kw] = [l.weightShape[1], l.weightShape[2]];
  return [l.input[0], outSize(w.padding, l.input[1], kh, w.stride[0]), outSize(w.padding, l.input[2], kw, w.stride[1]), outC];
}

function build(l: Layer): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: l.dtype, shape: l.input, quantization: l.inputQ }, l.inputData);
  const w = b.constant({ dtype: l.dtype, shape: l.weightShape, quantization: l.weightQ }, l.weights);
  const biasQ = { ...l.weightQ, scale: l.weightQ.scale.map((s) => Math.fround(l.inputQ.scale[0] * s)), zeroPoint: l.weightQ.scale.map(() => 0) };
  const inputs = [x, w];
  if (l.bias) inputs.push(b.constant({ dtype: 'int32', shape: [l.bias.length], quantization: { ...biasQ, quantizedDimension: 0 } }, l.bias));
  const y = b.output({ dtype: l.dtype, shape: outputShape(l), quantization: l.outputQ }, EXACT);
  const act = l.activation;
  const options =
    l.op === 'FULLY_CONNECTED'
      ? fullyConnectedOptions(false, act)
      : l.op === 'CONV_2D'
        ? convOptions({ ...l.window!, activation: act })
        : depthwiseOptions({ ...l.window!, activation: act }, l.depthMultiplier ?? 1);
  b.op(BuiltinOp[l.op], inputs, [y], options, versionOf(l.op, l.dtype));
  return b.build(`${l.op} ${l.dtype} ${l.label}${l.bias ? '' : ' without bias'} ${act}`);
}

/** Weight codes whose offsets from the zero point are `offsets` (uint8 around 100, int8 symmetric). */
function weightCodes(dtype: Q8, offsets: readonly number[]): { q: QuantizationParams; data: TypedArray } {
  const zp = dtype === 'uint8' ? 100 : 0;
  const data = allocTyped(dtype, offsets.length);
  offsets.forEach((o, i) => { (data[i] = zp + o); });
  return { q: perTensor(0.25, zp), data };
}

/**
 * Every input code through two one-tap channels (weights 1 and −3 steps) with input·weight scale 1/8 and
 * the output scale chosen so the requantization multiplier is 2^-k: NONE at 1/2, RELU6 with output scale 4
 * (6 / 4 = 1.5: the bound itself a tie), RELU_N1_TO_1 with output scale 2 (±1 / 2 = ±0.5).
 */
function tieLayer(op: WeightedOp, dtype: Q8, withBias: boolean, activation: FusedActivation): Layer {
  const outScale = activation === 'RELU6' ? 4 : activation === 'RELU_N1_TO_1' ? 2 : 0.25;
  const { q: weightQ, data: weights } = weightCodes(dtype, [1, -3]);
  const dense = op === 'FULLY_CONNECTED';
  return {
    op, dtype, activation, label: 'ties (every input code, 2^-k multipliers)',
    input: dense ? [256, 1] : [1, 1, 256, 1], inputQ: centred(dtype, 0.5), inputData: everyCode(dtype),
    weightShape: op === 'CONV_2D' ? [2, 1, 1, 1] : op === 'DEPTHWISE_CONV_2D' ? [1, 1, 1, 2] : [2, 1],
    weightQ, weights, depthMultiplier: 2,
    bias: withBias ? Int32Array.of(0, 1) : null,
    outputQ: centred(dtype, outScale),
    window: { padding: 'VALID', stride: [1, 1] },
  };
}

/** A trained-looking layer: weights spread around a zero point, bias of a few accumulator steps. */
function trainedLayer(
  rng: Rng, op: WeightedOp, dtype: Q8, input: number[], weightShape: number[], window: Window | undefined,
  activation: FusedActivation, withBias: boolean, label: string, depthMultiplier = 1,
): Layer {
  const { min, max } = intRange(dtype);
  const wZero = dtype === 'uint8' ? rng.int(90, 170) : 0;
  const weights = randomInts(rng, dtype, weightShape, Math.max(min, wZero - 110), Math.min(max, wZero + 110));
  const inputQ = perTensor(0.0078125 * rng.uniform(0.8, 3), dtype === 'uint8' ? rng.int(0, 255) : rng.int(-128, 127));
  const weightQ = perTensor(Math.fround(rng.uniform(0.002, 0.03)), wZero);
  const outC = op === 'DEPTHWISE_CONV_2D' ? weightShape[3] : weightShape[0];
  const depth = weightShape.reduce((a, d) => a * d, 1) / outC;
  // About 60 input and weight steps each: the accumulator spreads over ~3600·sqrt(depth) steps.
  const accSteps = 3600 * Math.sqrt(depth);
  const outScale = Math.fround((inputQ.scale[0] * weightQ.scale[0] * accSteps) / 60);
  const relu = activation === 'RELU' || activation === 'RELU6';
  const outZero = relu ? min + rng.int(0, 8) : rng.int(min + 60, max - 60);
  const bias = withBias ? (randomInts(rng, 'int32', [outC], -accSteps, accSteps) as Int32Array) : null;
  return {
    op, dtype, activation, label, input, inputQ, inputData: randomInts(rng, dtype, input), weightShape, weightQ, weights,
    bias, outputQ: perTensor(outScale, outZero), window, depthMultiplier,
  };
}

const SAME1: Window = { padding: 'SAME', stride: [1, 1] };
const SAME2: Window = { padding: 'SAME', stride: [2, 2] };
const ACTIVATIONS: readonly FusedActivation[] = ['NONE', 'RELU6', 'RELU_N1_TO_1'];

function tieCases(): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const op of ['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED'] as const) {
    for (const dtype of ['uint8', 'int8'] as const) {
      for (const activation of ACTIVATIONS) cases.push(build(tieLayer(op, dtype, true, activation)));
      // TFLite refuses a quantized CONV_2D without bias.
      if (op !== 'CONV_2D') cases.push(build(tieLayer(op, dtype, false, 'NONE')));
    }
  }
  return cases;
}

function layerCases(rng: Rng): DiffCase[] {
  const layers: Layer[] = [];
  for (const dtype of ['uint8', 'int8'] as const) {
    layers.push(
      trainedLayer(rng, 'CONV_2D', dtype, [1, 17, 17, 3], [8, 3, 3, 3], SAME2, 'RELU6', true, '3x3 stride 2 (MobileNet stem)'),
      trainedLayer(rng, 'CONV_2D', dtype, [1, 8, 8, 16], [24, 1, 1, 16], SAME1, 'RELU6', true, 'pointwise'),
      trainedLayer(rng, 'CONV_2D', dtype, [2, 7, 6, 5], [6, 3, 3, 5], { padding: 'VALID', stride: [1, 2] }, 'RELU_N1_TO_1', true, '3x3 VALID'),
      trainedLayer(rng, 'DEPTHWISE_CONV_2D', dtype, [1, 12, 12, 8], [1, 3, 3, 8], SAME1, 'RELU6', true, '3x3'),
      trainedLayer(rng, 'DEPTHWISE_CONV_2D', dtype, [1, 9, 9, 4], [1, 3, 3, 8], SAME2, 'NONE', true, '3x3 stride 2, multiplier 2', 2),
      trainedLayer(rng, 'DEPTHWISE_CONV_2D', dtype, [1, 6, 7, 6], [1, 3, 3, 6], SAME1, 'RELU', false, '3x3'),
      trainedLayer(rng, 'FULLY_CONNECTED', dtype, [3, 64], [10, 64], undefined, 'NONE', true, 'classifier'),
      trainedLayer(rng, 'FULLY_CONNECTED', dtype, [2, 40], [12, 40], undefined, 'RELU', false, 'hidden'),
    );
  }
  return layers.map(build);
}

export const exactWeightedFamily: DiffFamily = {
  name: 'CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED int8 and uint8, bit-exact',
  cases: (seed) => [...tieCases(), ...layerCases(new Rng(seed + 101))],
};
