/**
 * 8-bit lookup tables for quantized element-wise functions (TFLite PopulateLookupTable, used by the
 * optimized LOGISTIC and TANH kernels): for every input code, dequantize in float32, apply the function,
 * divide by the output scale, round half away from zero, add the output zero point, clamp.
 */
import { intRange } from '../../core/dtype.js';
import { requireScale, roundHalfAway, tensorZeroPoint } from '../common/quantization.js';
import type { NodeContext } from '../kernel.js';
import { prepareUnaryShape, type QArray } from './elementwise.js';

/** Table indexed by (code − type minimum): 256 entries. */
export function buildLookupTable(
  dtype: 'int8' | 'uint8',
  inScale: number,
  inZeroPoint: number,
  outScale: number,
  outZeroPoint: number,
  fn: (x: number) => number,
): Int16Array {
  const { min, max } = intRange(dtype);
  const inverse = Math.fround(1 / outScale);
  const table = new Int16Array(256);
  for (let v = min; v <= max; v++) {
    const x = Math.fround(inScale * (v - inZeroPoint));
    const y = Math.fround(fn(x));
    const q = roundHalfAway(Math.fround(y * inverse)) + outZeroPoint;
    table[v - min] = q < min ? min : q > max ? max : q;
  }
  return table;
}

export function applyLookupTable(input: QArray, output: QArray, table: Int16Array, min: number): void {
  for (let i = 0; i < input.length; i++) output[i] = table[input[i]! - min]!;
}

/** Prepare for a table-driven op: same-shape output and the table of `fn`. */
export interface LookupData {
  readonly table: Int16Array;
  readonly min: number;
}

export function prepareLookup(node: NodeContext<null>, fn: (x: number) => number): LookupData {
  const { input, output } = prepareUnaryShape(node);
  const dtype = input.dtype as 'int8' | 'uint8';
  const table = buildLookupTable(
    dtype, requireScale(node, input), tensorZeroPoint(input), requireScale(node, output), tensorZeroPoint(output), fn,
  );
  return { table, min: dtype === 'int8' ? -128 : 0 };
}

