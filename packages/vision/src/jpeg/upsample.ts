/**
 * Brings a component's rows to full image size as libjpeg-turbo does by default (jdsample.c with
 * do_fancy_upsampling; merged upsampling is off whenever fancy upsampling is on): the triangle filters
 * for 2x1, 2x2 and 1x2 — each output 3/4 of its own sample and 1/4 of the neighbour on its side, edges
 * replicated, with alternating rounding biases — and plain replication for every other integral ratio
 * (and for 2x1/2x2 components at most 2 samples wide, where libjpeg also falls back to replication).
 * Works one output row at a time.
 */
import type { ComponentRows } from './component_rows.js';
import { corrupt } from './types.js';

/** Output row `oy` (`width` samples) of a component; the array is reused by the next call. */
export type RowUpsampler = (oy: number) => Uint8Array;

export function rowUpsampler(rows: ComponentRows, hExp: number, vExp: number, width: number): RowUpsampler {
  if (!Number.isInteger(hExp) || !Number.isInteger(vExp)) throw corrupt('uses fractional chroma subsampling');
  if (hExp === 1 && vExp === 1) return (oy) => rows.row(oy);
  const out = new Uint8Array(width);
  const wide = rows.width > 2;
  if (hExp === 2 && vExp === 1 && wide) return (oy) => fancyH2V1(rows.row(oy), rows.width, out);
  if (hExp === 2 && vExp === 2 && wide) return fancyH2V2(rows, out);
  if (hExp === 1 && vExp === 2) return (oy) => fancyH1V2(rows, oy, out);
  return (oy) => replicate(rows.row(Math.floor(oy / vExp)), hExp, out);
}

function replicate(src: Uint8Array, hExp: number, out: Uint8Array): Uint8Array {
  for (let x = 0; x < out.length; x++) out[x] = src[Math.floor(x / hExp)];
  return out;
}

/** Horizontal triangle filter over `w` column values `s`: biases 1 (left output) and 2 (right output), >> 2. */
function fancyH2V1(s: Uint8Array, w: number, out: Uint8Array): Uint8Array {
  for (let ox = 0; ox < out.length; ox++) {
    const x = ox >> 1;
    const here = 3 * s[x];
    if (ox & 1) out[ox] = (here + s[x + 1 < w ? x + 1 : x] + 2) >> 2;
    else out[ox] = (here + s[x > 0 ? x - 1 : 0] + 1) >> 2;
  }
  return out;
}

/** The nearer and farther component rows of output row `oy` (rows replicated at the real top and bottom). */
function verticalPair(rows: ComponentRows, oy: number): [Uint8Array, Uint8Array] {
  const y = oy >> 1;
  const far = oy & 1 ? Math.min(y + 1, rows.height - 1) : Math.max(y - 1, 0);
  return [rows.row(y), rows.row(far)];
}

/** Vertical: column sums 3*near + far; then horizontal over the sums, >> 4. */
function fancyH2V2(rows: ComponentRows, out: Uint8Array): RowUpsampler {
  const w = rows.width;
  const sums = new Int32Array(w);
  return (oy) => {
    const [near, far] = verticalPair(rows, oy);
    for (let x = 0; x < w; x++) sums[x] = 3 * near[x] + far[x];
    for (let ox = 0; ox < out.length; ox++) {
      const x = ox >> 1;
      const here = 3 * sums[x];
      if (ox & 1) out[ox] = (here + sums[x + 1 < w ? x + 1 : x] + 7) >> 4;
      else out[ox] = (here + sums[x > 0 ? x - 1 : 0] + 8) >> 4;
    }
    return out;
  };
}

/** Vertical only (4:4:0): 3*near + far, bias 1 for the upper and 2 for the lower output row, >> 2. */
function fancyH1V2(rows: ComponentRows, oy: number, out: Uint8Array): Uint8Array {
  const [near, far] = verticalPair(rows, oy);
  const bias = oy & 1 ? 2 : 1;
  for (let x = 0; x < out.length; x++) out[x] = (3 * near[x] + far[x] + bias) >> 2;
  return out;
}
