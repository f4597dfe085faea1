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
