/** MINIMUM (float32 and int32): element-wise minimum with numpy broadcasting; no options. */
import { plainBinaryKernel } from '../common/binary_kernel.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

/** out[oi+i] = x < y ? x : y, TFLite's comparison (strides as/bs are 0 or 1). */
export const minimumFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x < y ? x : y;
  }
};

export const minimumInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x < y ? x : y;
  }
};

export const MINIMUM_KERNEL = plainBinaryKernel('MINIMUM', ['float32', 'int32'], minimumFloat32, minimumInt32);
