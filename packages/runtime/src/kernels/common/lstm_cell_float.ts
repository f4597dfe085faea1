/**
 * One float LSTM step over a batch, as TFLite's LstmStepFloat (lstm_eval.cc): each gate is
 * act(W·x + W_aux·aux + R·h + peephole ⊙ c [→ layer norm] + b), then c = f ⊙ c + i ⊙ g (i = 1 − f with CIFG),
 * clipped, and h = o ⊙ act(c), optionally projected and clipped. Shared by UNIDIRECTIONAL_SEQUENCE_LSTM,
 * BIDIRECTIONAL_SEQUENCE_LSTM and LSTM.
 */
import {
  activationFunction, applyActivation, assignBatches, clipVector, isZeroVector, layerNormGate, matVecAccumulate,
  peepholeAccumulate, sigmoid, type VectorActivation,
} from './recurrent_float.js';

const f = Math.fround;

export interface FloatGateWeights {
  readonly input: Float32Array;
  readonly aux: Float32Array | null;
  readonly recurrent: Float32Array;
  /** Diagonal cell-to-gate weights (peephole), null without. */
  readonly peephole: Float32Array | null;
  /** Layer-norm coefficients; the bias is then added after normalization. */
  readonly layerNorm: Float32Array | null;
  readonly bias: Float32Array;
}

export interface FloatLstmWeights {
  /** Null for CIFG (coupled input and forget gates). */
  readonly inputGate: FloatGateWeights | null;
  readonly forgetGate: FloatGateWeights;
  readonly cellGate: FloatGateWeights;
  readonly outputGate: FloatGateWeights;
  readonly projection: Float32Array | null;
  readonly projectionBias: Float32Array | null;
}

export interface LstmSizes {
  readonly batches: number;
  readonly nCell: number;
  readonly nInput: number;
  readonly nAux: number;
  readonly nOutput: number;
}

export interface LstmClips {
  /** The cell and output activation (usually TANH). */
  readonly fusedActivation: VectorActivation;
  /** 0 means no clipping. */
  readonly cellClip: number;
  readonly projClip: number;
}

/** Where one step reads and writes: offsets into the op's tensors (time step and batch row). */
export interface LstmStepIo<T> {
  readonly input: T;
  readonly inputAt: number;
  readonly aux: T | null;
  readonly auxAt: number;
  readonly outputState: T;
  readonly outputStateAt: number;
  readonly cellState: T;
  readonly cellStateAt: number;
  readonly output: T;
  readonly outputAt: number;
  /** Distance between batch rows of the output (n_output, or 2·n_output for merged bidirectional outputs). */
  readonly outputStride: number;
}

/** Scratch for one direction: the four gates and the hidden state before projection, each batches·nCell. */
export interface FloatLstmScratch {
  readonly gates: [Float32Array, Float32Array, Float32Array, Float32Array];
  readonly hidden: Float32Array;
}

export function floatLstmScratch(s: LstmSizes): FloatLstmScratch {
  const n = s.batches * s.nCell;
  const gate = (): Float32Array => new Float32Array(n);
  return { gates: [gate(), gate(), gate(), gate()], hidden: gate() };
}

function calculateGate(
  w: FloatGateWeights, s: LstmSizes, io: LstmStepIo<Float32Array>, cell: Float32Array | null,
  inputZero: boolean, auxZero: boolean, act: (x: number) => number, gate: Float32Array,
): void {
  const { batches, nCell } = s;
  const n = batches * nCell;
  if (w.layerNorm) gate.fill(0, 0, n);
  else assignBatches(w.bias, nCell, batches, gate);
  if (!inputZero) matVecAccumulate(w.input, nCell, s.nInput, io.input, io.inputAt, batches, gate, 0);
  if (!auxZero && w.aux && io.aux) matVecAccumulate(w.aux, nCell, s.nAux, io.aux, io.auxAt, batches, gate, 0);
  matVecAccumulate(w.recurrent, nCell, s.nOutput, io.outputState, io.outputStateAt, batches, gate, 0);
  if (w.peephole && cell) peepholeAccumulate(w.peephole, cell, io.cellStateAt, nCell, batches, gate);
  if (w.layerNorm) layerNormGate(gate, w.layerNorm, w.bias, nCell, batches);
  applyActivation(act, gate, gate, 0, n);
}

/** c = f ⊙ c + i ⊙ g (i = 1 − f with CIFG), clipped (UpdateLstmCellFloat). */
export function updateCellFloat(
  cell: Float32Array, at: number, n: number, inputGate: Float32Array | null, forget: Float32Array, cellGate: Float32Array, clip: number,
): void {
  for (let i = 0; i < n; i++) {
    const c = f(forget[i]! * cell[at + i]!);
    const gateIn = inputGate ? inputGate[i]! : f(1 - forget[i]!);
    cell[at + i] = f(c + f(cellGate[i]! * gateIn));
  }
  if (clip > 0) clipVector(cell, at, n, clip);
}

/** Copies the new output state into the output rows (which may be strided). */
export function copyStateToOutput<T extends Float32Array | Int8Array>(state: T, stateAt: number, s: LstmSizes, output: T, outputAt: number, stride: number): void {
  for (let b = 0; b < s.batches; b++) {
    output.set(state.subarray(stateAt + b * s.nOutput, stateAt + (b + 1) * s.nOutput), outputAt + b * stride);
  }
}

export function lstmStepFloat(w: FloatLstmWeights, s: LstmSizes, clips: LstmClips, io: LstmStepIo<Float32Array>, scratch: FloatLstmScratch): void {
  const { batches, nCell, nOutput } = s;
  const n = batches * nCell;
  const [inputGate, forgetGate, cellGate, outputGate] = scratch.gates;
  const act = activationFunction(clips.fusedActivation);
  const inputZero = isZeroVector(io.input, io.inputAt, batches * s.nInput);
  const auxZero = io.aux === null || isZeroVector(io.aux, io.auxAt, batches * s.nAux);
  if (w.inputGate) calculateGate(w.inputGate, s, io, io.cellState, inputZero, auxZero, sigmoid, inputGate);
  calculateGate(w.forgetGate, s, io, io.cellState, inputZero, auxZero, sigmoid, forgetGate);
  calculateGate(w.cellGate, s, io, null, inputZero, auxZero, act, cellGate);
  updateCellFloat(io.cellState, io.cellStateAt, n, w.inputGate ? inputGate : null, forgetGate, cellGate, clips.cellClip);
  calculateGate(w.outputGate, s, io, io.cellState, inputZero, auxZero, sigmoid, outputGate);
  const hidden = scratch.hidden;
  for (let i = 0; i < n; i++) hidden[i] = f(outputGate[i]! * act(io.cellState[io.cellStateAt + i]!));
  const state = io.outputState;
  const at = io.outputStateAt;
  if (w.projection) {
    assignBatches(w.projectionBias, nOutput, batches, state, at);
    matVecAccumulate(w.projection, nOutput, nCell, hidden, 0, batches, state, at);
    if (clips.projClip > 0) clipVector(state, at, batches * nOutput, clips.projClip);
  } else {
    state.set(hidden.subarray(0, batches * nOutput), at);
  }
  copyStateToOutput(state, at, s, io.output, io.outputAt, io.outputStride);
}
