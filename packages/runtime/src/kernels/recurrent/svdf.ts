/**
 * SVDF, float and hybrid (TFLite svdf.cc with reference_ops::EvalFloatSVDF / EvalHybridSVDF): each filter's
 * feature projection of the input enters the newest slot of its memory (the variable state), the memory is
 * weighted by weights_time, filters are summed in groups of `rank` into units, bias and activation applied, and
 * the memory shifts one step. Hybrid models (int8 weights) quantize the input per batch row on the fly.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SVDFOptions } from '../../core/options.js';
import { isHybridWeight } from '../common/hybrid.js';
import { inputIs, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import { activationFunction, isZeroVector, matVecAccumulate } from '../common/recurrent_float.js';
import { batchQuantize, hybridMatVecAccumulate, quantizedBatch, rowSums, scaledInt8, type QuantizedBatch } from '../common/recurrent_hybrid.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { biasData, reduceFilters, shiftState, SVDF_DEFAULTS, svdfSizes, type SvdfSizes } from './svdf_shape.js';

const f = Math.fround;

interface FloatSvdfData {
  readonly s: SvdfSizes;
  readonly weightsTime: Float32Array;
  readonly act: (x: number) => number;
  readonly scratch: Float32Array;
  /** Hybrid only: the int8 feature weights, their scale and row sums, and the quantized input. */
  readonly hybrid: { readonly weights: Int8Array; readonly scale: number; readonly sums: Int32Array | null; readonly q: QuantizedBatch } | null;
}

function prepare(node: NodeContext<SVDFOptions>, hybrid: boolean): FloatSvdfData {
  const s = svdfSizes(node);
  const feature = node.inputs[1]!;
  const time = node.inputs[2]!;
  const act = activationFunction(node.options.fusedActivation);
  if (!hybrid) return { s, weightsTime: time.data as Float32Array, act, scratch: new Float32Array(s.batches * s.filters), hybrid: null };
  if (!isHybridWeight(time)) throw unsupported(node, `weights_time '${time.name}' must be constant int8 with a scale`);
  const scale = f(feature.quantization!.scale[0]!);
  return {
    s,
    // Dequantized once, as TFLite does on the first eval.
    weightsTime: scaledInt8(time.data as Int8Array, f(time.quantization!.scale[0]!)),
    act,
    scratch: new Float32Array(s.batches * s.filters),
    hybrid: {
      weights: feature.data as Int8Array,
      scale,
      sums: node.options.asymmetricQuantizeInputs ? rowSums(feature.data as Int8Array, s.filters, s.inputSize) : null,
      q: quantizedBatch(s.batches, s.inputSize),
    },
  };
}

/** The feature projection of this step, written into the newest memory slot of every filter. */
function featureIntoState(node: NodeContext<SVDFOptions>, d: FloatSvdfData, state: Float32Array): void {
  const { s, scratch, hybrid } = d;
  const input = node.inputs[0]!.data as Float32Array;
  scratch.fill(0);
  if (!hybrid) {
    matVecAccumulate(node.inputs[1]!.data as Float32Array, s.filters, s.inputSize, input, 0, s.batches, scratch, 0);
  } else if (!isZeroVector(input, 0, input.length)) {
    batchQuantize(input, 0, s.batches, s.inputSize, hybrid.q, node.options.asymmetricQuantizeInputs);
    hybridMatVecAccumulate(hybrid.weights, s.filters, s.inputSize, hybrid.scale, hybrid.q, s.batches, hybrid.sums, scratch, 0);
  }
  for (let i = 0; i < s.batches * s.filters; i++) state[i * s.memory + s.memory - 1] = scratch[i]!;
}

function evalFloat(node: NodeContext<SVDFOptions>, d: FloatSvdfData): void {
  const { s, scratch, weightsTime } = d;
  const state = node.inputs[4]!.data as Float32Array;
  const output = node.outputs[0]!.data as Float32Array;
  featureIntoState(node, d, state);
  for (let row = 0; row < s.batches * s.filters; row++) {
    const w = (row % s.filters) * s.memory;
    const at = row * s.memory;
    let dot = 0;
    for (let j = 0; j < s.memory; j++) dot = f(dot + f(weightsTime[w + j]! * state[at + j]!));
    scratch[row] = dot;
  }
  reduceFilters(scratch, biasData<Float32Array>(node), s, output, (a, b) => f(a + b));
  for (let i = 0; i < output.length; i++) output[i] = d.act(output[i]!);
  shiftState(state, s, 0);
}

function registration(hybrid: boolean): KernelRegistration<SVDFOptions, FloatSvdfData> {
  return {
    op: BuiltinOp.SVDF,
    name: hybrid ? 'SVDF (hybrid int8 weights)' : 'SVDF (float32)',
    parseOptions: (raw) => optionsOrDefault(raw, ['SVDFOptions'], SVDF_DEFAULTS),
    supports: (node) => inputIs(node, 0, 'float32') && (hybrid ? isHybridWeight(node.inputs[1]) : inputIs(node, 1, 'float32')),
    prepare: (node) => prepare(node, hybrid),
    eval: evalFloat,
    work: recurrentWork,
  };
}

export const SVDF_FLOAT_KERNEL = registration(false);
export const SVDF_HYBRID_KERNEL = registration(true);
