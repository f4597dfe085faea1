/**
 * Integer helpers of TFLite Micro's signal library (signal/src): most-significant-bit position, integer
 * square roots with round-to-nearest, the fixed-point natural logarithm and the PCAN gain/shrink functions.
 * Bit-exact ports of their semantics; uint32 arithmetic wraps as in C.
 */

/** Position of the highest set bit, counting from 1; 32 for 0 (the GCC build, __builtin_clz). */
export function msb32(x: number): number {
  return x === 0 ? 32 : 32 - Math.clz32(x);
}

export function msb64(x: bigint): number {
  return x === 0n ? 64 : x.toString(2).length;
}

/** Integer square root of a uint32, rounded to nearest (a uint16). */
export function sqrt32(num: number): number {
  if (num === 0) return 0;
  let res = 0;
  const maxBit = (32 - msb32(num)) | 1;
  let bit = 2 ** (31 - maxBit);
  for (let it = Math.trunc((31 - maxBit) / 2) + 1; it > 0; it--) {
    if (num >= res + bit) {
      num -= res + bit;
      res = Math.floor(res / 2) + bit;
    } else {
      res = Math.floor(res / 2);
    }
    bit = Math.floor(bit / 4);
  }
  if (num > res && res !== 0xffff) res++;
  return res;
}

/** Integer square root of a uint64 (32-bit shortcut when the upper word is clear, as TFLM does). */
export function sqrt64(value: bigint): number {
  if (value >> 32n === 0n) return sqrt32(Number(value));
  let num = value;
  let res = 0n;
  const maxBit = (64 - msb64(num)) | 1;
  let bit = 1n << BigInt(63 - maxBit);
  for (let it = Math.trunc((63 - maxBit) / 2) + 1; it > 0; it--) {
    if (num >= res + bit) {
      num -= res + bit;
      res = (res >> 1n) + bit;
    } else {
      res >>= 1n;
    }
    bit >>= 2n;
  }
  if (num > res && res !== 0xffffffffn) res++;
  return Number(BigInt.asUintN(32, res));
}

const LOG_SCALE_BITS = 16;
const LOG_SEGMENT_BITS = 7;
const LOG_COEFF = 45426;

/**
 * The 130-entry correction table of TFLM's Log32: (log2(1 + t) − t)·2^16 at t = i/128, rounded, then a zero
 * pad. Computed here rather than copied; a test checks it against published entries.
 */
export const LOG_LUT: readonly number[] = [
  ...Array.from({ length: 128 }, (_, i) => Math.round((Math.log2(1 + i / 128) - i / 128) * 65536)),
  0,
  0,
];

/**
 * log2(x) − floor(log2(x)) in Q16 from the table. TFLM shifts the interpolation term right by 16 bits, not
 * by the 9 bits of a segment, so it adds only 1/128 of the slope: a quirk kept for bit-exact results (the
 * error stays below 0.004 in log2).
 */
function log2FractionPart32(x: number, log2x: number): number {
  let frac = (x - 2 ** log2x) | 0;
  frac = log2x < LOG_SCALE_BITS ? frac << (LOG_SCALE_BITS - log2x) : frac >> (log2x - LOG_SCALE_BITS);
  const baseSeg = frac >>> (LOG_SCALE_BITS - LOG_SEGMENT_BITS);
  const c0 = LOG_LUT[baseSeg]!, c1 = LOG_LUT[baseSeg + 1]!;
  const segBase = (1 << (LOG_SCALE_BITS - LOG_SEGMENT_BITS)) * baseSeg;
  const relPos = Math.imul(c1 - c0, frac - segBase) >> LOG_SCALE_BITS;
  return (frac + c0 + relPos) >>> 0;
}

/** TFLM's integer natural log of x ≥ 1, scaled by outScale / 2^16·… as signal/src/log.cc computes it. */
export function log32(x: number, outScale: number): number {
  const integer = msb32(x) - 1;
  const fraction = log2FractionPart32(x, integer);
  const log2 = ((integer << LOG_SCALE_BITS) + fraction) >>> 0;
  const round = 1 << (LOG_SCALE_BITS - 1);
  const loge = Number((BigInt(LOG_COEFF) * BigInt(log2) + BigInt(round)) >> 16n) >>> 0;
  return ((Math.imul(outScale, loge) >>> 0) + round) % 2 ** 32 >>> LOG_SCALE_BITS;
}

export const PCAN_SNR_BITS = 12;
export const PCAN_OUTPUT_BITS = 6;

/** PCAN's gain lookup: a piecewise quadratic in the noise estimate, from `lut` (int16). */
export function wideDynamicFunction(x: number, lut: Int16Array): number {
  if (x <= 2) return lut[x]!;
  const interval = msb32(x);
  const at = 4 * interval - 6;
  const frac = (interval < 11 ? x << (11 - interval) : x >>> (interval - 11)) & 0x3ff;
  let result = (lut[at + 2]! * frac) >> 5;
  result = (result + ((lut[at + 1]! << 5) | 0)) | 0;
  result = Math.imul(result, frac);
  result = (result + (1 << 14)) >> 15;
  result += lut[at]!;
  return (result << 16) >> 16;
}

/** shrink(x) = x²/4 below 2, x − 1 above (x with PCAN_SNR_BITS, result with PCAN_OUTPUT_BITS fractional bits). */
export function pcanShrink(x: number): number {
  if (x < 2 << PCAN_SNR_BITS) return (Math.imul(x, x) >>> 0) >>> (2 + 2 * PCAN_SNR_BITS - PCAN_OUTPUT_BITS);
  return ((x >>> (PCAN_SNR_BITS - PCAN_OUTPUT_BITS)) - (1 << PCAN_OUTPUT_BITS)) >>> 0;
}
