/**
 * POW (float32, int32) with numpy broadcasting. float32 is powf; int32 is TFLite's IntegerPow (repeated
 * squaring with int32 wrap-around), which refuses negative exponents.
 */
import { UnsupportedError } from '../../core/errors.js';
import { plainBinaryKernel } from '../common/binary_kernel.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

export const powFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! ** b[bi + i * bs]!;
};

export function integerPow(base: number, exponent: number): number {
  if (exponent < 0) throw new UnsupportedError('POW: integer to a negative integer power is not allowed');
  let result = 1;
  let x = base | 0;
  for (let e = exponent; e > 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, x);
    x = Math.imul(x, x);
  }
  return result;
}

export const powInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) out[oi + i] = integerPow(a[ai + i * as]!, b[bi + i * bs]!);
};

export const POW_KERNEL = plainBinaryKernel('POW', ['float32', 'int32'], powFloat32, powInt32);
