/**
 * Keras recurrent weights → TFLite layouts. Keras keeps one kernel [input, gates·units], one recurrent kernel
 * [units, gates·units] and one bias [gates·units], gate blocks side by side along the last axis (LSTM: i, f, c,
 * o; GRU: z, r, h; SimpleRNN: one block). TFLite's sequence ops and FULLY_CONNECTED want each gate's matrix
 * as [units, input] (output rows), so every block is cut out and transposed.
 */
import { ConversionError, type LayerRecord, type LayerWeight } from './read_layers.js';

export interface RecurrentWeights {
  readonly units: number;
  readonly inputSize: number;
  readonly gates: number;
  /** Per gate: [units, inputSize]. */
  readonly input: Float32Array[];
  /** Per gate: [units, units]. */
  readonly recurrent: Float32Array[];
  /** Per gate: [units] (zeros when the layer has no bias). */
  readonly bias: Float32Array[];
}

function weight(layer: LayerRecord, name: string): LayerWeight {
  const w = layer.weights.get(name);
  if (!w) throw new ConversionError(`layer '${layer.name}' (${layer.className}) has no '${name}' weight (has: ${[...layer.weights.keys()].join(', ')})`);
  return w;
}

/** Columns [gate·units, (gate+1)·units) of a row-major [rows, gates·units] matrix, transposed to [units, rows]. */
export function gateBlockTransposed(m: Float32Array, rows: number, units: number, gates: number, gate: number): Float32Array {
  const out = new Float32Array(units * rows);
  const cols = units * gates;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < units; j++) out[j * rows + r] = m[r * cols + gate * units + j];
  }
  return out;
}

/** Concatenates the rows of several [units, n] matrices into one [Σunits, n] matrix. */
export function stackRows(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A cell's weights split per gate; `layer` is the recurrent layer (or the Bidirectional wrapper's half). */
export function recurrentWeights(layer: LayerRecord, gates: number, prefix = ''): RecurrentWeights {
  const kernel = weight(layer, `${prefix}kernel`);
  const rec = weight(layer, `${prefix}recurrent_kernel`);
  const [inputSize, total] = kernel.shape;
  const units = total / gates;
  if (!Number.isInteger(units) || rec.shape[0] !== units || rec.shape[1] !== total) {
    throw new ConversionError(`layer '${layer.name}' (${layer.className}): kernel [${kernel.shape.join(',')}] and recurrent kernel [${rec.shape.join(',')}] do not fit ${gates} gates`);
  }
  const biasW = layer.weights.get(`${prefix}bias`);
  if (biasW && biasW.data.length !== total) {
    throw new ConversionError(`layer '${layer.name}' (${layer.className}): bias of ${biasW.data.length} values, expected ${total} (reset_after biases are not supported)`);
  }
  const gateIds = Array.from({ length: gates }, (_, g) => g);
  return {
    units,
    inputSize,
    gates,
    input: gateIds.map((g) => gateBlockTransposed(kernel.data, inputSize, units, gates, g)),
    recurrent: gateIds.map((g) => gateBlockTransposed(rec.data, units, units, gates, g)),
    bias: gateIds.map((g) => (biasW ? biasW.data.slice(g * units, (g + 1) * units) : new Float32Array(units))),
  };
}
