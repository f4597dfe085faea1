/**
 * Per-image int8 quantization parameters of hybrid (dynamic-range) models, as XNNPACK computes them and
 * common/hybrid.ts's fakeQuantizeRowsInt8 reproduces: the range widened to include 0, inverse scale
 * 255 / range in float32, the zero point nudged from whichever end has the smaller error. The equivalence
 * with fakeQuantizeRowsInt8 is asserted in hybrid.test.ts.
 */
import { roundHalfEven } from '../common/quantization.js';

export interface DynamicInt8Params {
  readonly invScale: number;
  readonly scale: number;
  readonly zeroPoint: number;
}

/** Parameters for `input[start, start + length)`. */
export function dynamicInt8Params(input: Float32Array, start: number, length: number): DynamicInt8Params {
  const f = Math.fround;
  let min = 0;
  let max = 0;
  for (let i = start, end = start + length; i < end; i++) {
    const x = input[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const invScale = min === max ? 1 : f(255 / f(max - min));
  const minScaled = f(min * invScale);
  const maxScaled = f(max * invScale);
  const zp = f(-128 + minScaled) + f(127 + maxScaled) > 0 ? f(-128 - minScaled) : f(127 - maxScaled);
  return { invScale, scale: f(1 / invScale), zeroPoint: roundHalfEven(Math.min(127, Math.max(-128, zp))) };
}
