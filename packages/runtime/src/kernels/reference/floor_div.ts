/**
 * FLOOR_DIV (float32, int32, int8, int16) with broadcasting: floor(x / y). float32 divides in float32
 * before flooring (as TFLite's std::floor(x / y) on floats); the integers round toward −∞ and, like TFLite,
 * refuse a zero divisor.
 */
import { UnsupportedError } from '../../core/errors.js';
import { plainBinaryKernel } from '../common/binary_kernel.js';
import { smallIntBinaryKernel } from '../common/integer_binary.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

export const floorDivFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) out[oi + i] = Math.floor(Math.fround(a[ai + i * as]! / b[bi + i * bs]!));
};

export const floorDivInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const y = b[bi + i * bs]!;
    if (y === 0) throw new UnsupportedError('FLOOR_DIV: division by zero');
    out[oi + i] = Math.floor(a[ai + i * as]! / y);
  }
};

export const FLOOR_DIV_KERNEL = plainBinaryKernel('FLOOR_DIV', ['float32', 'int32'], floorDivFloat32, floorDivInt32);

/** int8/int16 (TFLite's FloorDiv<T> on the raw integers: floor of the double quotient, cast back to T). */
export const FLOOR_DIV_SMALL_INT_KERNEL = smallIntBinaryKernel('FLOOR_DIV', (x, y) => {
  if (y === 0) throw new UnsupportedError('FLOOR_DIV: division by zero');
  return Math.floor(x / y);
});
