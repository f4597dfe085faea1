/**
 * FLOOR_DIV (float32, int32) with broadcasting: floor(x / y). float32 divides in float32 before flooring (as
 * TFLite's std::floor(x / y) on floats); int32 rounds toward −∞ and, like TFLite, refuses a zero divisor.
 */
import { UnsupportedError } from '../../core/errors.js';
import { plainBinaryKernel } from '../common/binary_kernel.js';
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
