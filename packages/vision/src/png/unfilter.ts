/**
 * Reverses PNG's per-row filters in place (PNG spec 9.2). Rows are undone top to bottom, so the row above
 * is already plain when a row refers to it; stores into the Uint8Array wrap modulo 256 as the spec's
 * arithmetic does.
 */
import { ImageError } from '../errors.js';
import type { TimeBudget } from '../time_budget.js';
import type { PngPass } from './layout.js';

/** Undoes the filter of row `r` of `pass` (its filter byte is left as it was). */
export function unfilterRow(raw: Uint8Array, pass: PngPass, r: number, step: number): void {
  const at = pass.offset + r * pass.stride;
  const start = at + 1;
  const end = at + pass.stride;
  const up = start - pass.stride; // the row above; not read for the first row
  const filter = raw[at];
  if (filter === 0) return;
  if (filter > 4) throw new ImageError('IMAGE_DECODE_FAILED', `PNG row ${r} has an unknown filter type ${filter}`);
  if (r === 0 && filter !== 1) {
    unfilterFirstRow(raw, start, end, step, filter);
  } else if (filter === 1) {
    for (let i = start + step; i < end; i++) raw[i] += raw[i - step];
  } else if (filter === 2) {
    for (let i = start; i < end; i++) raw[i] += raw[i - start + up];
  } else if (filter === 3) {
    for (let i = start; i < start + step && i < end; i++) raw[i] += raw[i - start + up] >> 1;
    for (let i = start + step; i < end; i++) raw[i] += (raw[i - step] + raw[i - start + up]) >> 1;
  } else {
    for (let i = start; i < start + step && i < end; i++) raw[i] += raw[i - start + up];
    for (let i = start + step; i < end; i++) raw[i] += paeth(raw[i - step], raw[i - start + up], raw[i - step - start + up]);
  }
}

/** The first row has zeros above it: Up adds nothing, Average adds half the left byte, Paeth the left byte. */
function unfilterFirstRow(raw: Uint8Array, start: number, end: number, step: number, filter: number): void {
  if (filter === 3) for (let i = start + step; i < end; i++) raw[i] += raw[i - step] >> 1;
  if (filter === 4) for (let i = start + step; i < end; i++) raw[i] += raw[i - step];
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Undoes every row of a pass. */
export function unfilterPass(raw: Uint8Array, pass: PngPass, step: number, budget: TimeBudget): void {
  for (let r = 0; r < pass.height; r++) {
    unfilterRow(raw, pass, r, step);
    budget.spend(pass.stride);
  }
}
