/**
 * One hybrid LSTM step (float activations and state, int8 weights), as TFLite's LstmStepHybrid: the input,
 * auxiliary input and output state are quantized to int8 once per step (symmetric, or asymmetric with row-sum
 * corrections when asymmetric_quantize_inputs), each gate's matrix products run in int32 and are scaled back
 * into the float gate; all-zero vectors skip their products. The cell update is the float one, and the
 * projection quantizes the hidden state the same way.
 */
import { copyStateToOutput, updateCellFloat, type LstmClips, type LstmSizes, type LstmStepIo } from './lstm_cell_float.js';
import { activationFunction, assignBatches, clipVector, isZeroVector, layerNormGate, peepholeAccumulate, sigmoid } from './recurrent_float.js';
import { batchQuantize, hybridMatVecAccumulate, quantizedBatch, rowSums, type QuantizedBatch } from './recurrent_hybrid.js';

const f = Math.fround;

/** An int8 weight matrix with its per-tensor scale and (for asymmetric inputs) its row sums. */
export interface HybridMatrix {
  readonly data: Int8Array;
  readonly scale: number;
  readonly rows: number;
  readonly cols: number;
  readonly rowSums: Int32Array;
}

export function hybridMatrix(data: Int8Array, scale: number, rows: number, cols: number): HybridMatrix {
  return { data, scale, rows, cols, rowSums: rowSums(data, rows, cols) };
}

export interface HybridGateWeights {
  readonly input: HybridMatrix;
  readonly aux: HybridMatrix | null;
  readonly recurrent: HybridMatrix;
  /** Peephole weights already dequantized (VectorScalarMultiply). */
  readonly peephole: Float32Array | null;
  readonly layerNorm: Float32Array | null;
  readonly bias: Float32Array;
}

export interface HybridLstmWeights {
  readonly inputGate: HybridGateWeights | null;
  readonly forgetGate: HybridGateWeights;
  readonly cellGate: HybridGateWeights;
  readonly outputGate: HybridGateWeights;
  readonly projection: HybridMatrix | null;
  readonly projectionBias: Float32Array | null;
  readonly asymmetric: boolean;
}

export interface HybridLstmScratch {
  readonly gates: [Float32Array, Float32Array, Float32Array, Float32Array];
  readonly hidden: Float32Array;
  readonly input: QuantizedBatch;
  readonly aux: QuantizedBatch;
  readonly state: QuantizedBatch;
  readonly hiddenQ: QuantizedBatch;
}

export function hybridLstmScratch(s: LstmSizes): HybridLstmScratch {
  const n = s.batches * s.nCell;
  const gate = (): Float32Array => new Float32Array(n);
  return {
    gates: [gate(), gate(), gate(), gate()],
    hidden: gate(),
    input: quantizedBatch(s.batches, s.nInput),
    aux: quantizedBatch(s.batches, Math.max(s.nAux, 1)),
    state: quantizedBatch(s.batches, s.nOutput),
    hiddenQ: quantizedBatch(s.batches, s.nCell),
  };
}

interface Skips {
  readonly input: boolean;
  readonly aux: boolean;
  readonly state: boolean;
}

function product(m: HybridMatrix, q: QuantizedBatch, batches: number, asymmetric: boolean, gate: Float32Array): void {
  hybridMatVecAccumulate(m.data, m.rows, m.cols, m.scale, q, batches, asymmetric ? m.rowSums : null, gate, 0);
}

function calculateGate(
  w: HybridGateWeights, s: LstmSizes, asymmetric: boolean, scratch: HybridLstmScratch, skip: Skips,
  cell: Float32Array | null, cellAt: number, act: (x: number) => number, gate: Float32Array,
): void {
  const { batches, nCell } = s;
  if (w.layerNorm) gate.fill(0, 0, batches * nCell);
  else assignBatches(w.bias, nCell, batches, gate);
  if (!skip.input) product(w.input, scratch.input, batches, asymmetric, gate);
  if (!skip.aux && w.aux) product(w.aux, scratch.aux, batches, asymmetric, gate);
  if (!skip.state) product(w.recurrent, scratch.state, batches, asymmetric, gate);
  if (w.peephole && cell) peepholeAccumulate(w.peephole, cell, cellAt, nCell, batches, gate);
  if (w.layerNorm) layerNormGate(gate, w.layerNorm, w.bias, nCell, batches);
  for (let k = 0; k < batches * nCell; k++) gate[k] = act(gate[k]!);
}

export function lstmStepHybrid(w: HybridLstmWeights, s: LstmSizes, clips: LstmClips, io: LstmStepIo<Float32Array>, scratch: HybridLstmScratch): void {
  const { batches, nCell, nOutput } = s;
  const n = batches * nCell;
  const asym = w.asymmetric;
  const skip: Skips = {
    input: isZeroVector(io.input, io.inputAt, batches * s.nInput),
    aux: io.aux === null || isZeroVector(io.aux, io.auxAt, batches * s.nAux),
    state: isZeroVector(io.outputState, io.outputStateAt, batches * nOutput),
  };
  if (!skip.input) batchQuantize(io.input, io.inputAt, batches, s.nInput, scratch.input, asym);
  if (!skip.aux && io.aux) batchQuantize(io.aux, io.auxAt, batches, s.nAux, scratch.aux, asym);
  if (!skip.state) batchQuantize(io.outputState, io.outputStateAt, batches, nOutput, scratch.state, asym);
  const act = activationFunction(clips.fusedActivation);
  const [inputGate, forgetGate, cellGate, outputGate] = scratch.gates;
  const cell = io.cellState;
  if (w.inputGate) calculateGate(w.inputGate, s, asym, scratch, skip, cell, io.cellStateAt, sigmoid, inputGate);
  calculateGate(w.forgetGate, s, asym, scratch, skip, cell, io.cellStateAt, sigmoid, forgetGate);
  calculateGate(w.cellGate, s, asym, scratch, skip, null, 0, act, cellGate);
  updateCellFloat(cell, io.cellStateAt, n, w.inputGate ? inputGate : null, forgetGate, cellGate, clips.cellClip);
  calculateGate(w.outputGate, s, asym, scratch, skip, cell, io.cellStateAt, sigmoid, outputGate);
  const hidden = scratch.hidden;
  for (let i = 0; i < n; i++) hidden[i] = f(outputGate[i]! * act(cell[io.cellStateAt + i]!));
  const state = io.outputState;
  const at = io.outputStateAt;
  if (w.projection) {
    assignBatches(w.projectionBias, nOutput, batches, state, at);
    if (!isZeroVector(hidden, 0, n)) {
      batchQuantize(hidden, 0, batches, nCell, scratch.hiddenQ, asym);
      const p = w.projection;
      hybridMatVecAccumulate(p.data, p.rows, p.cols, p.scale, scratch.hiddenQ, batches, asym ? p.rowSums : null, state, at);
    }
    if (clips.projClip > 0) clipVector(state, at, batches * nOutput, clips.projClip);
  } else {
    state.set(hidden.subarray(0, batches * nOutput), at);
  }
  copyStateToOutput(state, at, s, io.output, io.outputAt, io.outputStride);
}
