/** SQUARED_DIFFERENCE (float32, int32 wrapping): (a − b)² element-wise with numpy broadcasting; no options. */
import { plainBinaryKernel } from '../common/binary_kernel.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

/** out[oi+i] = (x - y)² (strides as/bs are 0 or 1). */
export const squaredDifferenceFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const d = a[ai + i * as]! - b[bi + i * bs]!;
    out[oi + i] = d * d;
  }
};

export const squaredDifferenceInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const d = (a[ai + i * as]! - b[bi + i * bs]!) | 0;
    out[oi + i] = Math.imul(d, d);
  }
};

export const SQUARED_DIFFERENCE_KERNEL = plainBinaryKernel('SQUARED_DIFFERENCE', ['float32', 'int32'], squaredDifferenceFloat32, squaredDifferenceInt32);
