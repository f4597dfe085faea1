/** ADD (float32 and int32): element-wise with numpy broadcasting and a fused activation. */
import { BuiltinOp } from '../../core/ops.js';
import type { ArithmeticOptions } from '../../core/options.js';
import {
  binarySupports, evalBinary, parseArithmeticOptions, prepareBinary, type BinaryPrepared,
} from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** out[oi+i] = x + y over float32 runs (strides as/bs are 0 or 1). */
export function addFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x + y;
  }
}

/** The int32 form: wrapping two's-complement addition. */
export function addInt32(
  a: Int32Array, ai: number, as: number,
  b: Int32Array, bi: number, bs: number,
  out: Int32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = (x + y) | 0;
  }
}

export const ADD_KERNEL: KernelRegistration<ArithmeticOptions, BinaryPrepared> = {
  op: BuiltinOp.ADD,
  name: 'ADD (float32/int32, reference)',
  parseOptions: (raw) => parseArithmeticOptions(raw, 'AddOptions'),
  supports: (node) => binarySupports(node, ['float32', 'int32']),
  prepare: (node) => prepareBinary(node, ['float32', 'int32'], node.options.fusedActivation),
  eval: (node, data) => evalBinary(node, data, addFloat32, addInt32),
};
