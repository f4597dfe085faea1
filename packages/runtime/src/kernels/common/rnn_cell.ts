/**
 * One step of a basic RNN cell over a batch, as TFLite's RnnBatchStep (kernel_utils.cc): h = act(W·x +
 * W_aux·aux + R·h + b), written to the output rows (which may be strided) and kept as the hidden state. The
 * hybrid form (int8 weights) quantizes x, aux and h on the fly, skipping any that is all zeros.
 */
import { matVecAccumulate, isZeroVector } from './recurrent_float.js';
import { batchQuantize, hybridMatVecAccumulate, quantizedBatch, type QuantizedBatch } from './recurrent_hybrid.js';
import type { HybridMatrix } from './lstm_cell_hybrid.js';

export interface RnnSizes {
  readonly batches: number;
  readonly nInput: number;
  readonly nAux: number;
  readonly units: number;
}

export interface RnnStepIo {
  input: Float32Array;
  inputAt: number;
  aux: Float32Array | null;
  auxAt: number;
  hidden: Float32Array;
  hiddenAt: number;
  output: Float32Array;
  outputAt: number;
  outputStride: number;
}

export interface FloatRnnWeights {
  readonly kind: 'float';
  readonly input: Float32Array;
  readonly aux: Float32Array | null;
  readonly recurrent: Float32Array;
  readonly bias: Float32Array;
}

export interface HybridRnnWeights {
  readonly kind: 'hybrid';
  readonly input: HybridMatrix;
  readonly aux: HybridMatrix | null;
  readonly recurrent: HybridMatrix;
  readonly bias: Float32Array;
  readonly asymmetric: boolean;
}

export type RnnWeights = FloatRnnWeights | HybridRnnWeights;

export interface RnnScratch {
  readonly acc: Float32Array;
  readonly input: QuantizedBatch;
  readonly aux: QuantizedBatch;
  readonly hidden: QuantizedBatch;
}

export function rnnScratch(s: RnnSizes): RnnScratch {
  return {
    acc: new Float32Array(s.batches * s.units),
    input: quantizedBatch(s.batches, s.nInput),
    aux: quantizedBatch(s.batches, Math.max(1, s.nAux)),
    hidden: quantizedBatch(s.batches, s.units),
  };
}

function hybridProduct(m: HybridMatrix, x: Float32Array, at: number, n: number, s: RnnSizes, q: QuantizedBatch, asym: boolean, acc: Float32Array): void {
  if (isZeroVector(x, at, s.batches * n)) return;
  batchQuantize(x, at, s.batches, n, q, asym);
  hybridMatVecAccumulate(m.data, m.rows, m.cols, m.scale, q, s.batches, asym ? m.rowSums : null, acc, 0);
}

export function rnnStep(w: RnnWeights, s: RnnSizes, act: (x: number) => number, io: RnnStepIo, scratch: RnnScratch): void {
  const { batches, units } = s;
  const acc = scratch.acc;
  for (let b = 0; b < batches; b++) acc.set(w.bias.subarray(0, units), b * units);
  if (w.kind === 'float') {
    matVecAccumulate(w.input, units, s.nInput, io.input, io.inputAt, batches, acc, 0);
    if (w.aux && io.aux) matVecAccumulate(w.aux, units, s.nAux, io.aux, io.auxAt, batches, acc, 0);
    matVecAccumulate(w.recurrent, units, units, io.hidden, io.hiddenAt, batches, acc, 0);
  } else {
    hybridProduct(w.input, io.input, io.inputAt, s.nInput, s, scratch.input, w.asymmetric, acc);
    if (w.aux && io.aux) hybridProduct(w.aux, io.aux, io.auxAt, s.nAux, s, scratch.aux, w.asymmetric, acc);
    hybridProduct(w.recurrent, io.hidden, io.hiddenAt, units, s, scratch.hidden, w.asymmetric, acc);
  }
  for (let b = 0; b < batches; b++) {
    for (let u = 0; u < units; u++) {
      const v = act(acc[b * units + u]!);
      io.output[io.outputAt + b * io.outputStride + u] = v;
      io.hidden[io.hiddenAt + b * units + u] = v;
    }
  }
}
