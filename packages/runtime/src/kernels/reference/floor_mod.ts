/**
 * FLOOR_MOD (float32, int32, int8, int16) with broadcasting: the remainder with the divisor's sign
 * (TFLite's FloorMod: the truncated remainder, plus y when it is non-zero and its sign differs from y's). The
 * integers refuse y = 0.
 */
import { UnsupportedError } from '../../core/errors.js';
import { plainBinaryKernel } from '../common/binary_kernel.js';
import { smallIntBinaryKernel } from '../common/integer_binary.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

/** JS `%` truncates like C's fmod and integer %. */
export function floorMod(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && y < 0 !== r < 0 ? r + y : r;
}

export const floorModFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) out[oi + i] = floorMod(a[ai + i * as]!, b[bi + i * bs]!);
};

export const floorModInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const y = b[bi + i * bs]!;
    if (y === 0) throw new UnsupportedError('FLOOR_MOD: division by zero');
    out[oi + i] = floorMod(a[ai + i * as]!, y);
  }
};

export const FLOOR_MOD_KERNEL = plainBinaryKernel('FLOOR_MOD', ['float32', 'int32'], floorModFloat32, floorModInt32);

/** int8/int16 on the raw integers (int64 is in int64_arithmetic.ts). */
export const FLOOR_MOD_SMALL_INT_KERNEL = smallIntBinaryKernel('FLOOR_MOD', (x, y) => {
  if (y === 0) throw new UnsupportedError('FLOOR_MOD: division by zero');
  return floorMod(x, y);
});
