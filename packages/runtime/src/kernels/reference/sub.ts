/** SUB (float32 and int32): element-wise with numpy broadcasting and a fused activation. */
import { arithmeticKernel } from '../common/binary_kernel.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

/** out[oi+i] = x - y over float32 runs (strides as/bs are 0 or 1). */
export const subFloat32: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x - y;
  }
};

/** The int32 form: wrapping two's-complement subtraction. */
export const subInt32: BinaryRow<Int32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = (x - y) | 0;
  }
};

export const SUB_KERNEL = arithmeticKernel('SUB', 'SubOptions', subFloat32, subInt32);
