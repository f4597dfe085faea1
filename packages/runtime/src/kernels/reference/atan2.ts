/** ATAN2 (float32) with numpy broadcasting: the angle of (x, y) for inputs (y, x), in (−π, π]. */
import { plainBinaryKernel } from '../common/binary_kernel.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

export const atan2Float32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) out[oi + i] = Math.atan2(a[ai + i * as]!, b[bi + i * bs]!);
};

export const ATAN2_KERNEL = plainBinaryKernel('ATAN2', ['float32'], atan2Float32, null);
