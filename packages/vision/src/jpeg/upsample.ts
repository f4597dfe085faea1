/**
 * Brings a decoded component plane to full image size as libjpeg-turbo does by default (jdsample.c with
 * do_fancy_upsampling; merged upsampling is off whenever fancy upsampling is on): the triangle filters
 * for 2x1, 2x2 and 1x2 — each output 3/4 of its own sample and 1/4 of the neighbour on its side, edges
 * replicated, with alternating rounding biases — and plain replication for every other integral ratio
 * (and for 2x1/2x2 components at most 2 samples wide, where libjpeg also falls back to replication).
 */
import { corrupt } from './types.js';

export interface Plane {
  data: Uint8Array;
  /** Row stride in samples. */
  stride: number;
  /** Real samples per row and real rows (the rest is block padding). */
  width: number;
  height: number;
}

/** Returns a width x height plane (stride = width). */
export function upsamplePlane(plane: Plane, hExp: number, vExp: number, width: number, height: number): Uint8Array {
  if (!Number.isInteger(hExp) || !Number.isInteger(vExp)) throw corrupt('uses fractional chroma subsampling');
  if (hExp === 1 && vExp === 1) return crop(plane, width, height);
  const wide = plane.width > 2;
  if (hExp === 2 && vExp === 1 && wide) return fancyH2V1(plane, width, height);
  if (hExp === 2 && vExp === 2 && wide) return fancyH2V2(plane, width, height);
  if (hExp === 1 && vExp === 2) return fancyH1V2(plane, width, height);
  return replicate(plane, hExp, vExp, width, height);
}

function crop(p: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) out.set(p.data.subarray(y * p.stride, y * p.stride + width), y * width);
  return out;
}

function replicate(p: Plane, hExp: number, vExp: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / vExp) * p.stride;
    for (let x = 0; x < width; x++) out[y * width + x] = p.data[row + Math.floor(x / hExp)];
  }
  return out;
}

/** Horizontal triangle filter over one row of column values `s` (w of them), biases 1 (left) and 2 (right), >> 2. */
function fancyH2V1(p: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const w = p.width;
  for (let y = 0; y < height; y++) {
    const row = y * p.stride;
    const o = y * width;
    for (let ox = 0; ox < width; ox++) {
      const x = ox >> 1;
      const here = 3 * p.data[row + x];
      if (ox & 1) out[o + ox] = (here + p.data[row + (x + 1 < w ? x + 1 : x)] + 2) >> 2;
      else out[o + ox] = (here + p.data[row + (x > 0 ? x - 1 : 0)] + 1) >> 2;
    }
  }
  return out;
}

/** Vertical: column sums 3*near + far (rows replicated at the plane's real top and bottom); then horizontal, >> 4. */
function fancyH2V2(p: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const w = p.width;
  const sums = new Int32Array(w);
  for (let oy = 0; oy < height; oy++) {
    const y = oy >> 1;
    const far = oy & 1 ? Math.min(y + 1, p.height - 1) : Math.max(y - 1, 0);
    const near = y * p.stride;
    const other = far * p.stride;
    for (let x = 0; x < w; x++) sums[x] = 3 * p.data[near + x] + p.data[other + x];
    const o = oy * width;
    for (let ox = 0; ox < width; ox++) {
      const x = ox >> 1;
      const here = 3 * sums[x];
      if (ox & 1) out[o + ox] = (here + sums[x + 1 < w ? x + 1 : x] + 7) >> 4;
      else out[o + ox] = (here + sums[x > 0 ? x - 1 : 0] + 8) >> 4;
    }
  }
  return out;
}

/** Vertical only (4:4:0): 3*near + far, bias 1 for the upper and 2 for the lower output row, >> 2. */
function fancyH1V2(p: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let oy = 0; oy < height; oy++) {
    const y = oy >> 1;
    const lower = oy & 1;
    const far = lower ? Math.min(y + 1, p.height - 1) : Math.max(y - 1, 0);
    const near = y * p.stride;
    const other = far * p.stride;
    const bias = lower ? 2 : 1;
    for (let x = 0; x < width; x++) out[oy * width + x] = (3 * p.data[near + x] + p.data[other + x] + bias) >> 2;
  }
  return out;
}
