/**
 * One fully quantized LSTM step (TFLite's LstmStepInteger8x8_16): int8 input and output state, int16 cell
 * state with a power-of-two scale, gates accumulated in Q3.12 from int8 products (zero points folded into
 * per-row effective biases at prepare), sigmoid/tanh in 16-bit fixed point, the cell updated with rounding
 * shifts, and the hidden state requantized to int8 (then optionally projected).
 */
import type { QuantizedMultiplier } from './quantization.js';
import {
  clipInt, cwiseAddInt16, cwiseMulShift, cwiseMulToInt8, integerMatVecAccumulate, peepholeAccumulate, sigmoidInt16,
  sub1Int16, tanhInt16Vector,
} from './recurrent_integer.js';
import { copyStateToOutput, type LstmSizes, type LstmStepIo } from './lstm_cell_float.js';

export interface IntegerGateWeights {
  readonly input: Int8Array;
  readonly inputScale: QuantizedMultiplier;
  /** Gate bias plus the input zero-point correction. */
  readonly inputBias: Int32Array;
  readonly recurrent: Int8Array;
  readonly recurrentScale: QuantizedMultiplier;
  /** The output-state zero-point correction. */
  readonly recurrentBias: Int32Array;
  readonly peephole: Int16Array | null;
  readonly peepholeScale: QuantizedMultiplier;
  readonly layerNorm: IntegerLayerNorm | null;
}

export interface IntegerLayerNorm {
  readonly weights: Int16Array;
  readonly bias: Int32Array;
  readonly scale: QuantizedMultiplier;
  readonly varianceGuard: number;
}

export interface IntegerLstmWeights {
  readonly inputGate: IntegerGateWeights | null;
  readonly forgetGate: IntegerGateWeights;
  readonly cellGate: IntegerGateWeights;
  readonly outputGate: IntegerGateWeights;
  readonly projection: Int8Array | null;
  readonly projectionScale: QuantizedMultiplier;
  readonly projectionBias: Int32Array | null;
  /** log2 of the cell state's scale (e.g. −11). */
  readonly cellScale: number;
  readonly hiddenScale: QuantizedMultiplier;
  readonly hiddenZp: number;
  readonly outputStateZp: number;
  readonly cellClip: number;
  readonly projClip: number;
  readonly applyLayerNorm: (gate: Int16Array, ln: IntegerLayerNorm, batches: number, n: number) => void;
}

export interface IntegerLstmScratch {
  readonly gates: [Int16Array, Int16Array, Int16Array, Int16Array];
  readonly tanhCell: Int16Array;
  readonly hidden: Int8Array;
}

export function integerLstmScratch(s: LstmSizes): IntegerLstmScratch {
  const n = s.batches * s.nCell;
  const gate = (): Int16Array => new Int16Array(n);
  return { gates: [gate(), gate(), gate(), gate()], tanhCell: gate(), hidden: new Int8Array(n) };
}

function calculateGate(
  w: IntegerGateWeights, weights: IntegerLstmWeights, s: LstmSizes, io: LstmStepIo<Int8Array>, cell: Int16Array,
  cellAt: number, sigmoid: boolean, gate: Int16Array,
): void {
  const { batches, nCell } = s;
  const n = batches * nCell;
  gate.fill(0, 0, n);
  integerMatVecAccumulate(io.input, io.inputAt, w.inputBias, w.input, w.inputScale, batches, s.nInput, nCell, 0, gate);
  integerMatVecAccumulate(io.outputState, io.outputStateAt, w.recurrentBias, w.recurrent, w.recurrentScale, batches, s.nOutput, nCell, 0, gate);
  // TFLite passes n_output as the peephole length here (equal to n_cell whenever there is no projection).
  if (w.peephole) peepholeAccumulate(w.peephole, s.nOutput, cell.subarray(cellAt), batches, w.peepholeScale, gate);
  if (w.layerNorm) weights.applyLayerNorm(gate, w.layerNorm, batches, nCell);
  if (sigmoid) sigmoidInt16(gate, n);
  else tanhInt16Vector(gate, 3, gate, n);
}

export function lstmStepInteger(w: IntegerLstmWeights, s: LstmSizes, io: LstmStepIo<Int8Array>, cellTensor: Int16Array, scratch: IntegerLstmScratch): void {
  const { batches, nCell, nOutput } = s;
  const n = batches * nCell;
  const [inputGate, forgetGate, cellGate, outputGate] = scratch.gates;
  const cellAt = io.cellStateAt;
  const cell = cellTensor.subarray(cellAt, cellAt + n);
  if (w.inputGate) calculateGate(w.inputGate, w, s, io, cellTensor, cellAt, true, inputGate);
  calculateGate(w.forgetGate, w, s, io, cellTensor, cellAt, true, forgetGate);
  calculateGate(w.cellGate, w, s, io, cellTensor, cellAt, false, cellGate);
  // Cell update: c = f·c >> 15, plus i·g (or (1 − f)·g with CIFG) shifted to the cell's scale.
  cwiseMulShift(forgetGate, cell, n, 15, cell);
  if (w.inputGate) {
    cwiseMulShift(inputGate, cellGate, n, 30 + w.cellScale, forgetGate);
  } else {
    sub1Int16(forgetGate, n, forgetGate);
    cwiseMulShift(forgetGate, cellGate, n, 30 + w.cellScale, forgetGate);
  }
  cwiseAddInt16(cell, forgetGate, n, cell);
  if (w.cellClip > 0) clipInt(cell, n, w.cellClip);
  calculateGate(w.outputGate, w, s, io, cellTensor, cellAt, true, outputGate);
  // Hidden state: o ⊙ tanh(c), requantized to int8.
  tanhInt16Vector(cell, 15 + w.cellScale, scratch.tanhCell, n);
  cwiseMulToInt8(outputGate, scratch.tanhCell, w.hiddenScale, w.hiddenZp, n, scratch.hidden);
  const state = io.outputState.subarray(io.outputStateAt, io.outputStateAt + batches * nOutput);
  if (w.projection && w.projectionBias) {
    state.fill(0);
    integerMatVecAccumulate(scratch.hidden, 0, w.projectionBias, w.projection, w.projectionScale, batches, nCell, nOutput, w.outputStateZp, state);
    if (w.projClip > 0) clipInt(state, batches * nOutput, w.projClip);
  } else {
    state.set(scratch.hidden.subarray(0, batches * nOutput));
  }
  copyStateToOutput(io.outputState, io.outputStateAt, s, io.output, io.outputAt, io.outputStride);
}
