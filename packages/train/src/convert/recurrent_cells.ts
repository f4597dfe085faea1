/**
 * One direction of a Keras recurrent layer over a [1, T, input] sequence, in TFLite ops:
 * - LSTM with sigmoid gates → UNIDIRECTIONAL_SEQUENCE_LSTM (gate order i, f, c, o, one weight tensor per gate,
 *   batch-major, output and cell state as variable tensors [1, units]), as TFLite's converter fuses keras LSTM;
 * - SimpleRNN with a TFLite-fusable activation → UNIDIRECTIONAL_SEQUENCE_RNN (hidden state a variable tensor);
 * - GRU (TFLite has no fused GRU) and every cell whose activations the fused ops cannot express (TF.js's
 *   default hard-sigmoid gates) → unrolled over the static number of steps with FULLY_CONNECTED, ADD, MUL,
 *   SUB, LOGISTIC, TANH, … The input projection of all steps is one FULLY_CONNECTED before the loop.
 * The state starts at zero on every invoke for the unrolled form; the fused ops keep theirs in variable tensors
 * that TFLite zeroes at allocation (the TF.js model, called once per sequence, starts from zero too).
 */
import { BuiltinOp, type FusedActivation } from '@tflite-lambda/runtime/internal';
import { ConversionError, type LayerRecord } from './read_layers.js';
import { recurrentWeights, stackRows, type RecurrentWeights } from './recurrent_weights.js';
import type { SequenceOps } from './sequence_ops.js';

export type CellKind = 'LSTM' | 'GRU' | 'SimpleRNN';

export interface CellSpec {
  readonly kind: CellKind;
  readonly weights: RecurrentWeights;
  readonly activation: string;
  readonly recurrentActivation: string;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
}

/** What one direction produced: the per-step outputs in processing order, built on demand. */
export interface DirectionOutput {
  sequence(): number;
  last(): number;
}

const GATES: Record<CellKind, number> = { LSTM: 4, GRU: 3, SimpleRNN: 1 };

/** Reads a cell's config and weights; `config` is the layer's own or the one wrapped by Bidirectional. */
export function cellSpec(layer: LayerRecord, kind: CellKind, config: Record<string, unknown>, weightPrefix = ''): CellSpec {
  const where = `layer '${layer.name}' (${layer.className})`;
  if (config.stateful === true) throw new ConversionError(`${where}: stateful=true is not supported (TFLite models keep no state between calls the converter can map); convert a stateless copy`);
  if (config.returnState === true) throw new ConversionError(`${where}: returnState=true is not supported (only the sequence or last output converts)`);
  if (config.resetAfter === true) throw new ConversionError(`${where}: GRU reset_after=true is not supported`);
  if (config.timeMajor === true) throw new ConversionError(`${where}: timeMajor=true is not supported`);
  return {
    kind,
    weights: recurrentWeights(layer, GATES[kind], weightPrefix),
    activation: (config.activation as string | undefined) ?? 'tanh',
    recurrentActivation: (config.recurrentActivation as string | undefined) ?? 'hardSigmoid',
    returnSequences: config.returnSequences === true,
    goBackwards: config.goBackwards === true,
  };
}

/** TFLite's fused activation for a Keras activation the sequence kernels apply, or null if none matches. */
function fusedActivation(name: string): FusedActivation | null {
  const map: Record<string, FusedActivation> = { tanh: 'TANH', relu: 'RELU', relu6: 'RELU6' };
  return map[name] ?? null;
}

/** Runs one direction over `x` [1, T, in]; `reverse` processes the steps last to first (go_backwards). */
export function runDirection(ops: SequenceOps, spec: CellSpec, x: number, reverse: boolean): DirectionOutput {
  const act = fusedActivation(spec.activation);
  if (spec.kind === 'LSTM' && spec.recurrentActivation === 'sigmoid' && act) return fused(ops, lstmOp(ops, spec, reversed(ops, x, reverse), act));
  if (spec.kind === 'SimpleRNN' && (act || spec.activation === 'linear')) return fused(ops, rnnOp(ops, spec, reversed(ops, x, reverse), act ?? 'NONE'));
  return unrolled(ops, spec, x, reverse);
}

function reversed(ops: SequenceOps, x: number, reverse: boolean): number {
  return reverse ? ops.reverseTime(x) : x;
}

function fused(ops: SequenceOps, sequence: number): DirectionOutput {
  return { sequence: () => sequence, last: () => ops.lastStep(sequence) };
}

function lstmOp(ops: SequenceOps, spec: CellSpec, x: number, act: FusedActivation): number {
  const w = spec.weights;
  const [, steps, inSize] = ops.shapeOf(x);
  const u = w.units;
  const inputW = w.input.map((m) => ops.floatConst('input_weights', m, [u, inSize]));
  const recW = w.recurrent.map((m) => ops.floatConst('recurrent_weights', m, [u, u]));
  const bias = w.bias.map((b) => ops.floatConst('bias', b, [u]));
  const outputState = ops.e.variable(`${ops.prefix}/output_state`, [1, u], ops.layer.name);
  const cellState = ops.e.variable(`${ops.prefix}/cell_state`, [1, u], ops.layer.name);
  // Operand order of TFLite's LSTM: input, 4 input weights, 4 recurrent weights, 3 peepholes, 4 biases,
  // projection weights and bias, output state, cell state, 4 layer-norm coefficients (−1 = absent).
  const inputs = [x, ...inputW, ...recW, -1, -1, -1, ...bias, -1, -1, outputState, cellState, -1, -1, -1, -1];
  return ops.builtin(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, [1, steps, u],
    { kind: 'UnidirectionalSequenceLSTMOptions', fusedActivation: act, cellClip: 0, projClip: 0, timeMajor: false, asymmetricQuantizeInputs: false, diagonalRecurrentTensors: false },
    { hybrid: { operands: [1, 2, 3, 4, 5, 6, 7, 8], version: 2 } });
}

function rnnOp(ops: SequenceOps, spec: CellSpec, x: number, act: FusedActivation): number {
  const w = spec.weights;
  const [, steps, inSize] = ops.shapeOf(x);
  const u = w.units;
  const hidden = ops.e.variable(`${ops.prefix}/hidden_state`, [1, u], ops.layer.name);
  const inputs = [x, ops.floatConst('input_weights', w.input[0], [u, inSize]), ops.floatConst('recurrent_weights', w.recurrent[0], [u, u]), ops.floatConst('bias', w.bias[0], [u]), hidden];
  return ops.builtin(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN, inputs, [1, steps, u],
    { kind: 'SequenceRNNOptions', timeMajor: false, fusedActivation: act, asymmetricQuantizeInputs: false },
    { hybrid: { operands: [1, 2], version: 2 } });
}

/** The cell written out step by step; h (and c) start as zero constants. */
function unrolled(ops: SequenceOps, spec: CellSpec, x: number, reverse: boolean): DirectionOutput {
  const w = spec.weights;
  const u = w.units;
  const [, steps, inSize] = ops.shapeOf(x);
  const gates = w.input.length;
  // All steps' input projections at once: [T, in] · [gates·u, in]ᵀ + bias → [T, gates·u].
  const projected = ops.fc(ops.reshape(x, [steps, inSize]), stackRows(w.input), gates * u, stackRows(w.bias));
  const stepInput = (t: number, gate: number, count: number) => ops.slice(projected, [t, gate * u], [1, count * u]);
  const zero = ops.floatConst('zero_state', new Float32Array(u), [1, u]);
  const rec = recurrentMatrices(ops, spec);
  let h = zero;
  let c = zero;
  const outputs: number[] = [];
  for (let s = 0; s < steps; s++) {
    const t = reverse ? steps - 1 - s : s;
    if (spec.kind === 'SimpleRNN') {
      h = ops.activation(spec.activation, ops.add(stepInput(t, 0, 1), ops.fc(h, rec[0], u, null)));
    } else if (spec.kind === 'LSTM') {
      [h, c] = lstmStep(ops, spec, rec[0], stepInput(t, 0, 4), h, c);
    } else {
      h = gruStep(ops, spec, rec, stepInput(t, 0, 2), stepInput(t, 2, 1), h);
    }
    outputs.push(h);
  }
  return { sequence: () => ops.stackTime(outputs), last: () => outputs[outputs.length - 1] };
}

/** The recurrent weights as shared operands: LSTM one [4u, u], GRU [2u, u] for z, r and [u, u] for h, RNN [u, u]. */
function recurrentMatrices(ops: SequenceOps, spec: CellSpec): number[] {
  const u = spec.weights.units;
  const rec = spec.weights.recurrent;
  if (spec.kind === 'LSTM') return [ops.matrix(stackRows(rec), 4 * u, u)];
  if (spec.kind === 'GRU') return [ops.matrix(stackRows([rec[0], rec[1]]), 2 * u, u), ops.matrix(rec[2], u, u)];
  return [ops.matrix(rec[0], u, u)];
}

/** Keras LSTM: i, f, o = σ(·); c̃ = act(·); c = f·c + i·c̃; h = o·act(c). */
function lstmStep(ops: SequenceOps, spec: CellSpec, rec: number, xProj: number, h: number, c: number): [number, number] {
  const u = spec.weights.units;
  const z = ops.add(xProj, ops.fc(h, rec, 4 * u, null));
  const gate = (k: number) => ops.slice(z, [0, k * u], [1, u]);
  const i = ops.activation(spec.recurrentActivation, gate(0));
  const f = ops.activation(spec.recurrentActivation, gate(1));
  const candidate = ops.activation(spec.activation, gate(2));
  const o = ops.activation(spec.recurrentActivation, gate(3));
  const cNext = ops.add(ops.mul(f, c), ops.mul(i, candidate));
  return [ops.mul(o, ops.activation(spec.activation, cNext)), cNext];
}

/**
 * Keras GRU with reset_after=false (the only form TF.js has): z, r = σ(x·W + h·R); h̃ = act(x·Wh + (r·h)·Rh);
 * h' = z·h + (1 − z)·h̃, written h̃ + z·(h − h̃).
 */
function gruStep(ops: SequenceOps, spec: CellSpec, rec: number[], xZr: number, xH: number, h: number): number {
  const u = spec.weights.units;
  const zr = ops.activation(spec.recurrentActivation, ops.add(xZr, ops.fc(h, rec[0], 2 * u, null)));
  const z = ops.slice(zr, [0, 0], [1, u]);
  const r = ops.slice(zr, [0, u], [1, u]);
  const candidate = ops.activation(spec.activation, ops.add(xH, ops.fc(ops.mul(r, h), rec[1], u, null)));
  return ops.add(candidate, ops.mul(z, ops.sub(h, candidate)));
}
