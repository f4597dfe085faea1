/**
 * SVDF with int8 input and output. With an int16 memory and int16 weights_time this is TFLite's EvalIntegerSVDF
 * (svdf.cc): the feature projection, rescaled to the state's scale, fills the newest slot (the state is taken as
 * symmetric), the memory is weighted in int32, filters summed into units with the int32 bias, rescaled to the
 * output, and the memory shifts after the step. TFLite requires the RELU activation and applies it only through
 * the output's clamp. An int8 memory with int8 weights_time (which TFLite's kernel reads as int16, out of
 * bounds) follows TFLite Micro instead: the memory shifts first and its zero point is honoured.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SVDFOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { inputIs, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint, type QuantizedMultiplier } from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { biasData, reduceFilters, shiftState, SVDF_DEFAULTS, svdfSizes, type SvdfSizes } from './svdf_shape.js';

const f = Math.fround;

interface IntegerSvdfData {
  readonly s: SvdfSizes;
  readonly featureScale: QuantizedMultiplier;
  readonly outputScale: QuantizedMultiplier;
  readonly inputZp: number;
  readonly outputZp: number;
  /** int8 memory (TFLite Micro): its zero point; the shift happens before the step. */
  readonly stateZp: number;
  readonly int8State: boolean;
  readonly scratch: Int32Array;
  readonly outputTemp: Int32Array;
}

function prepare(node: NodeContext<SVDFOptions>): IntegerSvdfData {
  const s = svdfSizes(node);
  const [input, feature, time] = [node.inputs[0]!, node.inputs[1]!, node.inputs[2]!];
  const state = node.inputs[4]!;
  const output = node.outputs[0]!;
  const int8State = state.dtype === 'int8';
  if (state.dtype !== time.dtype || !(int8State || state.dtype === 'int16')) {
    throw unsupported(node, `state and weights_time must both be int16 (or both int8); got ${state.dtype} and ${time.dtype}`);
  }
  if (node.options.fusedActivation !== 'RELU') throw unsupported(node, `integer SVDF supports only the RELU activation, not ${node.options.fusedActivation}`);
  const scales = [input, feature, state, time, output].map((t) => requireScale(node, t));
  const [inS, featS, stateS, timeS, outS] = scales as [number, number, number, number, number];
  // TFLite forms these in float32; TFLite Micro (the int8-memory semantics) in double.
  const scale1 = int8State ? (inS * featS) / stateS : f(f(f(inS) * f(featS)) / f(stateS));
  const scale2 = int8State ? (stateS * timeS) / outS : f(f(f(stateS) * f(timeS)) / f(outS));
  return {
    s,
    featureScale: quantizeMultiplier(scale1),
    outputScale: quantizeMultiplier(scale2),
    inputZp: tensorZeroPoint(input),
    outputZp: tensorZeroPoint(output),
    stateZp: int8State ? tensorZeroPoint(state) : 0,
    int8State,
    scratch: new Int32Array(s.batches * s.filters),
    outputTemp: new Int32Array(s.batches * s.units),
  };
}

function evalInteger(node: NodeContext<SVDFOptions>, d: IntegerSvdfData): void {
  const { s, scratch, outputTemp } = d;
  const input = node.inputs[0]!.data as Int8Array;
  const feature = node.inputs[1]!.data as Int8Array;
  const time = node.inputs[2]!.data as Int16Array | Int8Array;
  const state = node.inputs[4]!.data as Int16Array | Int8Array;
  const output = node.outputs[0]!.data as Int8Array;
  if (d.int8State) shiftState(state, s, 0);
  const [lo, hi] = d.int8State ? [-128, 127] : [-32768, 32767];
  for (let b = 0; b < s.batches; b++) {
    for (let r = 0; r < s.filters; r++) {
      let dot = 0;
      for (let c = 0; c < s.inputSize; c++) dot += feature[r * s.inputSize + c]! * (input[b * s.inputSize + c]! - d.inputZp);
      const v = multiplyByQuantizedMultiplier(dot | 0, d.featureScale.multiplier, d.featureScale.shift) + d.stateZp;
      state[(b * s.filters + r) * s.memory + s.memory - 1] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  for (let row = 0; row < s.batches * s.filters; row++) {
    const w = (row % s.filters) * s.memory;
    let dot = 0;
    for (let j = 0; j < s.memory; j++) dot += time[w + j]! * (state[row * s.memory + j]! - d.stateZp);
    scratch[row] = dot;
  }
  reduceFilters(scratch, biasData<Int32Array>(node), s, outputTemp, (a, b) => (a + b) | 0);
  for (let i = 0; i < outputTemp.length; i++) {
    const v = multiplyByQuantizedMultiplier(outputTemp[i]!, d.outputScale.multiplier, d.outputScale.shift) + d.outputZp;
    output[i] = v < -128 ? -128 : v > 127 ? 127 : v;
  }
  if (!d.int8State) shiftState(state, s, 0);
}

export const SVDF_INTEGER_KERNEL: KernelRegistration<SVDFOptions, IntegerSvdfData> = {
  op: BuiltinOp.SVDF,
  name: 'SVDF (int8, int16/int8 memory)',
  parseOptions: (raw) => optionsOrDefault(raw, ['SVDFOptions'], SVDF_DEFAULTS),
  supports: (node) => inputIs(node, 0, 'int8') && inputIs(node, 1, 'int8'),
  prepare,
  eval: evalInteger,
};
