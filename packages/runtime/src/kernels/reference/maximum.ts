/** MAXIMUM (float32 and int32): element-wise maximum with numpy broadcasting; no options. */
import { plainBinaryKernel } from '../common/binary_kernel.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

/** out[oi+i] = x > y ? x : y, TFLite's comparison (strides as/bs are 0 or 1). */
export const maximumFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x > y ? x : y;
  }
};

export const maximumInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x > y ? x : y;
  }
};

export const MAXIMUM_KERNEL = plainBinaryKernel('MAXIMUM', ['float32', 'int32'], maximumFloat32, maximumInt32);
