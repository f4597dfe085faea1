/**
 * The three ways a hybrid (dynamic-range) kernel quantizes its float input to int8 at run time, one row at a
 * time, as the engine that runs the op does:
 * - XNNPACK's f32→qd8 (LiteRT's delegate for CONV_2D, FULLY_CONNECTED, BATCH_MATMUL, TRANSPOSE_CONV):
 *   asymmetric, the range widened to include 0, inverse scale 255 / range in float32, the zero point taken
 *   from whichever end has the smaller error, values x · inverse rounded half to even;
 * - TFLite's AsymmetricQuantizeFloats (its builtin hybrid kernels, e.g. DEPTHWISE_CONV_2D): the same idea in
 *   double precision, the zero point rounded half away from zero, values offset + x · (1 / scale) in float32,
 *   rounded half away from zero;
 * - TFLite's SymmetricQuantizeFloats (builtin hybrid kernels without asymmetric_quantize_inputs): scale
 *   max|x| / 127, values in [−127, 127], zero point 0.
 * Each reads `length` floats from `input[start]`, writes their int8 codes from `out[outStart]`, and returns
 * the row's scale (float32) and zero point.
 */
import { roundHalfAway, roundHalfEven } from './quantization.js';

export interface RowQuantization {
  readonly scale: number;
  readonly zeroPoint: number;
}

export type RowQuantizer = (input: Float32Array, start: number, length: number, out: Int8Array, outStart: number) => RowQuantization;

const f = Math.fround;

function clampInt8(v: number): number {
  return v < -128 ? -128 : v > 127 ? 127 : v;
}

/** The row's minimum and maximum, widened to include 0 (both engines quantize 0 exactly). */
function rangeWithZero(input: Float32Array, start: number, length: number): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let i = start, end = start + length; i < end; i++) {
    const x = input[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

/** XNNPACK's dynamic quantization parameters for one row (inverse scale, scale, zero point). */
export function xnnpackRowParams(input: Float32Array, start: number, length: number): RowQuantization & { readonly inverseScale: number } {
  const { min, max } = rangeWithZero(input, start, length);
  const inverseScale = min === max ? 1 : f(255 / f(max - min));
  const minScaled = f(min * inverseScale);
  const maxScaled = f(max * inverseScale);
  const zp = f(-128 + minScaled) + f(127 + maxScaled) > 0 ? f(-128 - minScaled) : f(127 - maxScaled);
  return { inverseScale, scale: f(1 / inverseScale), zeroPoint: roundHalfEven(clampInt8(zp)) };
}

export const quantizeRowXnnpack: RowQuantizer = (input, start, length, out, outStart) => {
  const p = xnnpackRowParams(input, start, length);
  for (let i = 0; i < length; i++) out[outStart + i] = clampInt8(roundHalfEven(f(input[start + i]! * p.inverseScale)) + p.zeroPoint);
  return { scale: p.scale, zeroPoint: p.zeroPoint };
};

export const quantizeRowAsymmetric: RowQuantizer = (input, start, length, out, outStart) => {
  const { min, max } = rangeWithZero(input, start, length);
  if (min === max) {
    out.fill(0, outStart, outStart + length);
    return { scale: 1, zeroPoint: 0 };
  }
  const scale = (max - min) / 255;
  const fromMin = -128 - min / scale;
  const fromMax = 127 - max / scale;
  const zpDouble = 128 + Math.abs(min / scale) < 127 + Math.abs(max / scale) ? fromMin : fromMax;
  const zeroPoint = zpDouble <= -128 ? -128 : zpDouble >= 127 ? 127 : roundHalfAway(zpDouble);
  const scaleF = f(scale);
  const inverse = f(1 / scaleF);
  for (let i = 0; i < length; i++) out[outStart + i] = clampInt8(roundHalfAway(f(zeroPoint + f(input[start + i]! * inverse))));
  return { scale: scaleF, zeroPoint };
};

export const quantizeRowSymmetric: RowQuantizer = (input, start, length, out, outStart) => {
  // TFLite takes the extremes first (a NaN is skipped as its comparisons are), then the larger magnitude.
  let min = Infinity;
  let max = -Infinity;
  for (let i = start, end = start + length; i < end; i++) {
    const x = input[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const range = Math.max(Math.abs(min), Math.abs(max));
  if (range === 0) {
    out.fill(0, outStart, outStart + length);
    return { scale: 1, zeroPoint: 0 };
  }
  const inverse = f(127 / range);
  for (let i = 0; i < length; i++) {
    const q = roundHalfAway(f(input[start + i]! * inverse));
    out[outStart + i] = q < -127 ? -127 : q > 127 ? 127 : q;
  }
  return { scale: f(range / 127), zeroPoint: 0 };
};

/** Quantizes `rows` consecutive rows of `rowLength` values, recording each row's scale and zero point. */
export function quantizeRows(
  quantizer: RowQuantizer, input: Float32Array, rows: number, rowLength: number, out: Int8Array, scales: Float32Array, zeroPoints: Int32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const q = quantizer(input, r * rowLength, rowLength, out, r * rowLength);
    scales[r] = q.scale;
    zeroPoints[r] = q.zeroPoint;
  }
}

/**
 * The float epilogue both engines apply to an int32 accumulator: (float)acc · input scale · weight scale,
 * each product rounded to float32 in that order, plus the bias.
 */
export function hybridOutput(acc: number, inputScale: number, weightScale: number, bias: number): number {
  return f(f(f(f(acc) * inputScale) * weightScale) + bias);
}
