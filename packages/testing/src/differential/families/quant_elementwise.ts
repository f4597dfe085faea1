/**
 * Quantized pools and activations: MAX_POOL_2D and AVERAGE_POOL_2D (int8, uint8, int16), SOFTMAX (int8,
 * uint8, int16; tolerance 2), LOGISTIC and TANH (the fixed output scales TFLite requires), RELU, RELU6,
 * LEAKY_RELU and HARD_SWISH with different input and output parameters.
 */
import { BuiltinOp, intRange, type BuiltinOptions, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { SOFTMAX_QUANTIZED_TOLERANCE, type Tolerance } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { poolOptions } from '../options.js';
import { randomActivationQuant, randomInts, randomScale, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { describePool, poolOutputShape, POOLS, type PoolSpec } from './float_pool.js';

function pool(rng: Rng, op: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D', dtype: QuantDType, s: PoolSpec): DiffCase {
  const q = randomActivationQuant(rng, dtype);
  const b = new CaseBuilder();
  const input = b.input({ dtype, shape: s.input, quantization: q }, randomInts(rng, dtype, s.input));
  const out = b.output({ dtype, shape: poolOutputShape(s), quantization: q });
  b.op(BuiltinOp[op], [input], [out], poolOptions(s, s.filter));
  return b.build(describePool(op, s, dtype));
}

interface ActivationSpec {
  readonly op: keyof typeof BuiltinOp;
  readonly dtype: QuantDType;
  readonly options?: BuiltinOptions;
  /** Fixed output parameters TFLite requires; random ones otherwise. */
  readonly output?: QuantizationParams;
  readonly tolerance?: Tolerance;
  readonly note?: string;
}

/** int16 activations are symmetric (zero point 0) in TFLite. */
function activationQuant(rng: Rng, dtype: QuantDType, lo = -2.5, hi = -1): QuantizationParams {
  return dtype === 'int16' ? perTensor(randomScale(rng, -4, -3), 0) : randomActivationQuant(rng, dtype, lo, hi);
}

/**
 * RELU and RELU6 outputs only hold values ≥ 0: their zero point sits near the bottom of the range and
 * RELU6's scale spreads [0, 6] over 120–250 steps, so the clamp and the rescale are both exercised.
 */
function reluOutputQuant(rng: Rng, s: ActivationSpec, input: QuantizationParams): QuantizationParams {
  const { min } = intRange(s.dtype);
  const scale = s.op === 'RELU6' ? 6 / rng.int(120, 250) : input.scale[0] * rng.uniform(0.5, 1.5);
  return perTensor(Math.fround(scale), min + rng.int(0, 30));
}

function activation(rng: Rng, s: ActivationSpec): DiffCase {
  const shape = rng.shape(rng.int(2, 4), 2, 6);
  const inQ = activationQuant(rng, s.dtype);
  const relu = (s.op === 'RELU' || s.op === 'RELU6') && s.dtype !== 'int16';
  const outQ = s.output ?? (relu ? reluOutputQuant(rng, s, inQ) : activationQuant(rng, s.dtype));
  const b = new CaseBuilder();
  const input = b.input({ dtype: s.dtype, shape, quantization: inQ }, randomInts(rng, s.dtype, shape));
  const out = b.output({ dtype: s.dtype, shape, quantization: outQ }, s.tolerance);
  // Version 1: TFLite's kernels pick their arithmetic from the tensor types, and LiteRT.js registers
  // version 1 of every op (not always the higher versions the converter would write for int8/int16).
  b.op(BuiltinOp[s.op], [input], [out], s.options ?? null);
  return b.build(`${s.op} ${s.dtype}${s.note ? ` ${s.note}` : ''} on [${shape}]`);
}

const softmax = (beta: number): BuiltinOptions => ({ kind: 'SoftmaxOptions', beta });
const leaky = (alpha: number): BuiltinOptions => ({ kind: 'LeakyReluOptions', alpha });
const SOFT = SOFTMAX_QUANTIZED_TOLERANCE;

const ACTIVATIONS: ActivationSpec[] = [
  { op: 'SOFTMAX', dtype: 'int8', options: softmax(1), output: perTensor(1 / 256, -128), tolerance: SOFT, note: 'beta 1' },
  { op: 'SOFTMAX', dtype: 'int8', options: softmax(0.3), output: perTensor(1 / 256, -128), tolerance: SOFT, note: 'beta 0.3' },
  { op: 'SOFTMAX', dtype: 'uint8', options: softmax(1), output: perTensor(1 / 256, 0), tolerance: SOFT, note: 'beta 1' },
  { op: 'SOFTMAX', dtype: 'int16', options: softmax(1), output: perTensor(1 / 32768, 0), tolerance: SOFT, note: 'beta 1' },
  { op: 'LOGISTIC', dtype: 'int8', output: perTensor(1 / 256, -128) },
  { op: 'LOGISTIC', dtype: 'uint8', output: perTensor(1 / 256, 0) },
  { op: 'LOGISTIC', dtype: 'int16', output: perTensor(1 / 32768, 0) },
  { op: 'TANH', dtype: 'int8', output: perTensor(1 / 128, 0) },
  { op: 'TANH', dtype: 'uint8', output: perTensor(1 / 128, 128) },
  { op: 'TANH', dtype: 'int16', output: perTensor(1 / 32768, 0) },
  { op: 'RELU', dtype: 'int8' },
  { op: 'RELU', dtype: 'uint8' },
  { op: 'RELU6', dtype: 'int8' },
  { op: 'RELU6', dtype: 'uint8' },
  { op: 'LEAKY_RELU', dtype: 'int8', options: leaky(0.1), note: 'alpha 0.1' },
  { op: 'LEAKY_RELU', dtype: 'uint8', options: leaky(0.3), note: 'alpha 0.3' },
  { op: 'LEAKY_RELU', dtype: 'int16', options: leaky(0.2), note: 'alpha 0.2' },
  { op: 'HARD_SWISH', dtype: 'int8' },
  { op: 'HARD_SWISH', dtype: 'uint8' },
];

export const quantElementwiseFamily: DiffFamily = {
  name: 'quantized pools and activations',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 12);
    const dtypes: QuantDType[] = ['int8', 'uint8', 'int16'];
    const pools = POOLS.slice(0, 3).flatMap((s, i) => [
      pool(rng, 'MAX_POOL_2D', dtypes[i], s),
      pool(rng, 'AVERAGE_POOL_2D', dtypes[(i + 1) % 3], s),
    ]);
    return [...pools, ...ACTIVATIONS.map((s) => activation(rng, s))];
  },
};
