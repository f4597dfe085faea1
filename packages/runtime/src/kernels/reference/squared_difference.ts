/** SQUARED_DIFFERENCE (float32): (a − b)² element-wise with numpy broadcasting; no options. */
import { BuiltinOp } from '../../core/ops.js';
import { binarySupports, evalBinary, prepareBinary, type BinaryPrepared } from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** out[oi+i] = (x - y)² (strides as/bs are 0 or 1). */
export function squaredDifferenceFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const d = a[ai + i * as]! - b[bi + i * bs]!;
    out[oi + i] = d * d;
  }
}

export const SQUARED_DIFFERENCE_KERNEL: KernelRegistration<null, BinaryPrepared> = {
  op: BuiltinOp.SQUARED_DIFFERENCE,
  name: 'SQUARED_DIFFERENCE (float32, reference)',
  parseOptions: () => null,
  supports: (node) => binarySupports(node, ['float32']),
  prepare: (node) => prepareBinary(node, ['float32']),
  eval: (node, data) => evalBinary(node, data, squaredDifferenceFloat32, null),
};
