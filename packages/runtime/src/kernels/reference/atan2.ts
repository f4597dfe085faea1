/** ATAN2 (float32) with numpy broadcasting: the angle of (x, y) for inputs (y, x), in (−π, π]. */
import { BuiltinOp } from '../../core/ops.js';
import { binarySupports, evalBinary, prepareBinary, type BinaryPrepared } from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

export function atan2Float32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = Math.atan2(a[ai + i * as]!, b[bi + i * bs]!);
}

export const ATAN2_KERNEL: KernelRegistration<null, BinaryPrepared> = {
  op: BuiltinOp.ATAN2,
  name: 'ATAN2 (float32, reference)',
  parseOptions: () => null,
  supports: (node) => binarySupports(node, ['float32']),
  prepare: (node) => prepareBinary(node, ['float32']),
  eval: (node, data) => evalBinary(node, data, atan2Float32, null),
};
