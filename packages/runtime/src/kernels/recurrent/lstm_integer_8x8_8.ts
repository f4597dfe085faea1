/**
 * LSTM, full kernel, the integer 8x8_8 form (TFLite lstm.cc: an int8 LSTM whose node has 12 intermediate
 * tensors instead of 8x8_16's five; PopulateQuantizedLstmParams8x8_8 and lstm_eval's LstmStepInteger8x8_8).
 * Each gate's input and recurrent products are int8 tensors of their own (intermediates 1–11 hold their
 * scales and zero points), added into the gate's Q3.12 at the scale of intermediates 0, 3, 6, 9; layer norm
 * and the activations run in float32. The cell state is Q0.15.
 *
 * TFLite's step computes a CIFG cell with layer norm and projection only, whatever the node holds: it ignores
 * input-gate and peephole weights and dereferences the layer-norm and projection tensors unconditionally.
 * Those nodes are refused here rather than answered as TFLite would (silently, or by crashing). Its output
 * gate also reads the recurrent share's multiplier one past the end of intermediate_scale_a, which lands on
 * intermediate_scale_b[3], and its zero point from intermediate 7: reproduced, since models are run by it.
 */
import type { LSTMOptions } from '../../core/options.js';
import type { LstmSizes } from '../common/lstm_cell_float.js';
import { layerNormFloat, matVecToInt8, projectToInt8, sigmoidFloat, tanhFloat, twoGateSaturatingAdd } from '../common/lstm_math_8x8_8.js';
import { expectDType, unsupported } from '../common/node_checks.js';
import { quantizeMultiplier, type QuantizedMultiplier } from '../common/quantization.js';
import { clipInt, cwiseAddInt16, cwiseMulShift, sub1Int16 } from '../common/recurrent_integer.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import type { PreparedLstmDirection } from './lstm_direction.js';
import { lstmSizes, UNIDIRECTIONAL_LAYOUT as L } from './lstm_tensors.js';

const f = Math.fround;
type Node = NodeContext<LSTMOptions>;

/** One gate: input share, recurrent share, their sum's rescaling, layer norm, bias. */
interface Gate8x8_8 {
  readonly inputWeights: Int8Array;
  readonly inputScale: QuantizedMultiplier;
  readonly inputZp: number;
  readonly inputToSum: QuantizedMultiplier;
  readonly recurrentWeights: Int8Array;
  readonly recurrentScale: QuantizedMultiplier;
  readonly recurrentZp: number;
  readonly recurrentToSum: QuantizedMultiplier;
  readonly layerNorm: Int16Array;
  readonly layerNormScale: QuantizedMultiplier;
  readonly bias: Int32Array;
}

interface Params8x8_8 {
  readonly sizes: LstmSizes;
  readonly inputZp: number;
  readonly outputStateZp: number;
  readonly forget: Gate8x8_8;
  readonly cell: Gate8x8_8;
  readonly output: Gate8x8_8;
  readonly projection: Int8Array;
  readonly projectionScale: QuantizedMultiplier;
  readonly projectionBias: Int32Array;
  readonly cellClip: number;
  readonly projClip: number;
}

function scaleOf(node: Node, t: RuntimeTensor, what: string): number {
  const s = t.quantization?.scale[0];
  if (s === undefined) throw unsupported(node, `${what} '${t.name}' has no quantization parameters`);
  return f(s);
}

const zpOf = (t: RuntimeTensor): number => t.quantization?.zeroPoint[0] ?? 0;

function present(node: Node, i: number, what: string): RuntimeTensor {
  const t = node.inputs[i] ?? null;
  if (!t) throw unsupported(node, `the 8x8_8 integer LSTM needs ${what} (input ${i}): TFLite's kernel reads it unconditionally`);
  return t;
}

/** Refuses what TFLite's 8x8_8 step would ignore or dereference as null. */
function checkForm(node: Node): void {
  if (node.inputs[L.inputWeights[0]]) throw unsupported(node, 'the 8x8_8 integer LSTM runs CIFG cells only (TFLite ignores input-gate weights)');
  if (L.peephole.some((i) => node.inputs[i])) throw unsupported(node, 'the 8x8_8 integer LSTM has no peephole (TFLite ignores peephole weights)');
  const cell = present(node, L.cellState, 'the cell state');
  expectDType(node, cell, ['int16'], 'cell state');
  // TFLite: TF_LITE_ENSURE_EQ(cell_state scale, 1.0 / 32768).
  if (scaleOf(node, cell, 'cell state') !== 2 ** -15) throw unsupported(node, `the 8x8_8 integer LSTM's cell state must have scale 2^-15, got ${scaleOf(node, cell, 'cell state')}`);
  for (const [i, what] of [[L.projection, 'projection weights'], [L.projectionBias, 'a projection bias'], [L.layerNorm![1], 'forget layer-norm coefficients'], [L.layerNorm![2], 'cell layer-norm coefficients'], [L.layerNorm![3], 'output layer-norm coefficients']] as const) {
    present(node, i, what);
  }
}

function prepareParams(node: Node): Params8x8_8 {
  checkForm(node);
  const input = node.inputs[0]!, outputState = present(node, L.outputState, 'the output state'), out = node.outputs[0]!;
  const [batches, nInput] = input.shape as [number, number];
  const sizes = lstmSizes(node, L, batches, nInput, 0);
  const inputScale = scaleOf(node, input, 'input'), stateScale = scaleOf(node, outputState, 'output state');
  const inter = node.intermediates.map((t, i) => ({ scale: scaleOf(node, t, `intermediate ${i}`), zp: zpOf(t) }));
  // Rescalings of each share (Wx at intermediate x, Wh at intermediate h) to the gate's sum (intermediate sum).
  const ratio = (from: number, to: number): QuantizedMultiplier => quantizeMultiplier(f(inter[from]!.scale / inter[to]!.scale));
  const toSum = [ratio(1, 0), ratio(2, 0), ratio(4, 3), ratio(5, 3), ratio(7, 6), ratio(8, 6), ratio(10, 9), ratio(11, 9)];
  const gate = (g: 1 | 2 | 3, x: number, h: number, xToSum: QuantizedMultiplier, hToSum: QuantizedMultiplier, hZp: number): Gate8x8_8 => {
    const w = node.inputs[L.inputWeights[g]]!, r = node.inputs[L.recurrentWeights[g]]!, ln = node.inputs[L.layerNorm![g]]!;
    return {
      inputWeights: w.data as Int8Array,
      inputScale: quantizeMultiplier(f(f(scaleOf(node, w, 'input weights') * inputScale) / inter[x]!.scale)),
      inputZp: inter[x]!.zp,
      inputToSum: xToSum,
      recurrentWeights: r.data as Int8Array,
      recurrentScale: quantizeMultiplier(f(f(scaleOf(node, r, 'recurrent weights') * stateScale) / inter[h]!.scale)),
      recurrentZp: hZp,
      recurrentToSum: hToSum,
      layerNorm: ln.data as Int16Array,
      layerNormScale: quantizeMultiplier(scaleOf(node, ln, 'layer-norm coefficients')),
      bias: node.inputs[L.bias[g]]!.data as Int32Array,
    };
  };
  // TFLite's output gate: multiplier intermediate_scale_a[11] (past the end of an 8-entry array: it reads
  // intermediate_scale_b[3], the shift of the forget gate's recurrent rescaling), shift intermediate_scale_b[7],
  // zero point intermediate_zp[7].
  const outputRecurrentToSum = { multiplier: toSum[3]!.shift, shift: toSum[7]!.shift };
  const projection = node.inputs[L.projection]!;
  const { cellClip, projClip } = node.options;
  return {
    sizes,
    inputZp: zpOf(input),
    outputStateZp: zpOf(outputState),
    forget: gate(1, 4, 5, toSum[2]!, toSum[3]!, inter[5]!.zp),
    cell: gate(2, 7, 8, toSum[4]!, toSum[5]!, inter[8]!.zp),
    output: gate(3, 10, 11, toSum[6]!, outputRecurrentToSum, inter[7]!.zp),
    projection: projection.data as Int8Array,
    // float · 2^-15 (a double) / float, stored as float.
    projectionScale: quantizeMultiplier(f((scaleOf(node, projection, 'projection weights') * 2 ** -15) / stateScale)),
    projectionBias: node.inputs[L.projectionBias]!.data as Int32Array,
    cellClip: cellClip > 0 && cellClip < 1 ? Math.trunc(Math.min(Math.max(f(cellClip / f(2 ** -15)), -32768), 32767)) : 0,
    projClip: projClip > 0 ? Math.trunc(Math.min(Math.max(f(projClip / scaleOf(node, out, 'output')), -128), 127)) : 0,
  };
}

interface Scratch8x8_8 {
  readonly inputShare: Int8Array;
  readonly recurrentShare: Int8Array;
  readonly forget: Int16Array;
  readonly cellGate: Int16Array;
  readonly outputGate: Int16Array;
  readonly hidden: Int16Array;
}

/** CalculateLstmGateInteger8x8_8: shares, their saturating sum, layer norm, then the activation. */
function computeGate(p: Params8x8_8, g: Gate8x8_8, input: Int8Array, state: Int8Array, s: Scratch8x8_8, out: Int16Array, activation: 'sigmoid' | 'tanh'): void {
  const { batches, nInput, nOutput, nCell } = p.sizes;
  matVecToInt8(input, p.inputZp, g.inputWeights, g.inputScale, batches, nInput, nCell, s.inputShare, g.inputZp);
  matVecToInt8(state, p.outputStateZp, g.recurrentWeights, g.recurrentScale, batches, nOutput, nCell, s.recurrentShare, g.recurrentZp);
  twoGateSaturatingAdd(s.inputShare, g.inputZp, s.recurrentShare, g.recurrentZp, g.inputToSum, g.recurrentToSum, batches * nCell, out);
  layerNormFloat(out, g.layerNorm, g.layerNormScale, g.bias, batches, nCell);
  if (activation === 'sigmoid') sigmoidFloat(out, batches * nCell);
  else tanhFloat(out, -12, batches * nCell, out);
}

/** LstmStepInteger8x8_8: forget and cell gates, the CIFG cell update (Q0.15), output gate, projection. */
function step(p: Params8x8_8, input: Int8Array, state: Int8Array, cell: Int16Array, s: Scratch8x8_8): void {
  const n = p.sizes.batches * p.sizes.nCell;
  computeGate(p, p.forget, input, state, s, s.forget, 'sigmoid');
  computeGate(p, p.cell, input, state, s, s.cellGate, 'tanh');
  // UpdateLstmCellInteger with CIFG and cell scale 2^-15: c = f·c + (1 − f)·g.
  cwiseMulShift(s.forget, cell, n, 15, cell);
  sub1Int16(s.forget, n, s.forget);
  cwiseMulShift(s.forget, s.cellGate, n, 15, s.forget);
  cwiseAddInt16(cell, s.forget, n, cell);
  if (p.cellClip > 0) clipInt(cell, n, p.cellClip);
  computeGate(p, p.output, input, state, s, s.outputGate, 'sigmoid');
  // CalculateLstmOutputInteger8x8_8: o·tanh(c) in Q0.15, projected to the int8 output state.
  tanhFloat(cell, -15, n, s.hidden);
  cwiseMulShift(s.outputGate, s.hidden, n, 15, s.hidden);
  const { batches, nCell, nOutput } = p.sizes;
  projectToInt8(s.hidden, p.projection, p.projectionScale, p.projectionBias, batches, nCell, nOutput, p.outputStateZp, state);
  if (p.projClip > 0) clipInt(state, batches * nOutput, p.projClip);
}

/** The 8x8_8 LSTM step, prepared: the integer LSTM kernel hands nodes with 12 intermediates here. */
export function prepareLstm8x8_8(node: Node): PreparedLstmDirection {
  if (node.intermediates.length !== 12) {
    throw unsupported(node, `an integer LSTM has 5 intermediate tensors (8x8_16) or 12 (8x8_8), the node ${node.intermediates.length}`);
  }
  const p = prepareParams(node);
  const { batches, nCell, nOutput } = p.sizes;
  node.outputs[0]!.shape = [batches, nOutput];
  const n = batches * nCell;
  const s: Scratch8x8_8 = {
    inputShare: new Int8Array(n), recurrentShare: new Int8Array(n), forget: new Int16Array(n), cellGate: new Int16Array(n),
    outputGate: new Int16Array(n), hidden: new Int16Array(n),
  };
  return {
    run(run: NodeContext<unknown>) {
      const state = run.inputs[L.outputState]!.data as Int8Array;
      step(p, run.inputs[0]!.data as Int8Array, state, run.inputs[L.cellState]!.data as Int16Array, s);
      (run.outputs[0]!.data as Int8Array).set(state);
    },
  };
}
