/**
 * IEEE 754 half-precision decoding. float16 tensors hold raw half bits in a Uint16Array (core/dtype.ts).
 */

/** The float value of one half-precision bit pattern (subnormals, infinities and NaN included). */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24; // subnormal: mantissa × 2^-14 × 2^-10
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Decodes `input` (half bits) into `output` element by element; every half value is exact in float32. */
export function decodeFloat16(input: Uint16Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) output[i] = float16BitsToNumber(input[i]!);
}

/**
 * The half-precision bits nearest to `value` (ties to even), as fp16_ieee_from_fp32_value rounds a float:
 * overflow gives ±Infinity, NaN a quiet NaN, tiny values subnormals or ±0.
 */
export function numberToFloat16Bits(value: number): number {
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (Number.isNaN(value)) return 0x7e00;
  if (a >= 65520) return sign | 0x7c00; // 65520 is halfway to 2^16 and rounds up to infinity
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal: units of 2^-24
  const exponent = Math.floor(Math.log2(a));
  const e = a >= 2 ** (exponent + 1) ? exponent + 1 : a < 2 ** exponent ? exponent - 1 : exponent;
  const mantissa = roundHalfEven((a / 2 ** e - 1) * 1024);
  // A mantissa rounding up to 1024 carries into the exponent, which the bit sum does by itself.
  return sign | (((e + 15) << 10) + mantissa);
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}
