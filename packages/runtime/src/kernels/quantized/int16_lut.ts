/**
 * TFLite's 16-bit lookup tables (lite/kernels/internal/reference/lut.h) for int16 SOFTMAX: 512 steps over
 * [inputMin, inputMax] plus one extra value for the last slope, each entry nudged by half the error of
 * linear interpolation at the step's midpoint, all in float32 arithmetic; lookups interpolate linearly
 * between neighbouring entries with 7 fractional bits.
 */
import { roundHalfAway } from '../common/quantization.js';

const STEPS = 512;

export function generateInt16Lut(
  fn: (x: number) => number,
  inputMin: number,
  inputMax: number,
  outputMin: number,
  outputMax: number,
): Int16Array {
  const f = Math.fround;
  const lut = new Int16Array(STEPS + 1);
  const step = f(f(inputMax - inputMin) / STEPS);
  const halfStep = f(step / 2);
  const scalingInv = f(65536 / f(outputMax - outputMin));
  const clampOut = (v: number): number => Math.min(Math.max(v, -32768), 32767);
  const at = (x: number): number => f(fn(f(x)));
  for (let i = 0; i < STEPS; i++) {
    const x = f(inputMin + f(i * step));
    const val = at(x);
    const valMid = at(f(x + halfStep));
    const valNext = at(f(inputMin + f((i + 1) * step)));
    const sample = roundHalfAway(f(val * scalingInv));
    const midInterp = roundHalfAway(f(f(f(valNext * scalingInv) + sample) / 2));
    const mid = roundHalfAway(f(valMid * scalingInv));
    const bias = roundHalfAway(f((midInterp - mid) / 2));
    lut[i] = clampOut(sample - bias);
  }
  lut[STEPS] = clampOut(roundHalfAway(f(at(inputMax) * scalingInv)));
  return lut;
}

/** Linear interpolation in a 513-entry table indexed by the top 9 bits of a signed 16-bit value. */
export function lutLookup(value: number, lut: Int16Array): number {
  const index = 256 + (value >> 7);
  const offset = value & 0x7f;
  const base = lut[index]!;
  const slope = lut[index + 1]! - base;
  return ((base + ((slope * offset + 64) >> 7)) << 16) >> 16;
}
