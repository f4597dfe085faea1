/** MAXIMUM (float32 and int32): element-wise maximum with numpy broadcasting; no options. */
import { BuiltinOp } from '../../core/ops.js';
import { binarySupports, evalBinary, prepareBinary, type BinaryPrepared } from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** out[oi+i] = x > y ? x : y, TFLite's comparison (strides as/bs are 0 or 1). */
export function maximumFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x > y ? x : y;
  }
}

export function maximumInt32(
  a: Int32Array, ai: number, as: number,
  b: Int32Array, bi: number, bs: number,
  out: Int32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x > y ? x : y;
  }
}

export const MAXIMUM_KERNEL: KernelRegistration<null, BinaryPrepared> = {
  op: BuiltinOp.MAXIMUM,
  name: 'MAXIMUM (float32/int32, reference)',
  parseOptions: () => null,
  supports: (node) => binarySupports(node, ['float32', 'int32']),
  prepare: (node) => prepareBinary(node, ['float32', 'int32']),
  eval: (node, data) => evalBinary(node, data, maximumFloat32, maximumInt32),
};
