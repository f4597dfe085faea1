/**
 * FLOOR_DIV (float32, int32) with broadcasting: floor(x / y). float32 divides in float32 before flooring (as
 * TFLite's std::floor(x / y) on floats); int32 rounds toward −∞ and, like TFLite, refuses a zero divisor.
 */
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { binarySupports, evalBinary, prepareBinary, type BinaryPrepared } from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

export function floorDivFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = Math.floor(Math.fround(a[ai + i * as]! / b[bi + i * bs]!));
}

export function floorDivInt32(
  a: Int32Array, ai: number, as: number,
  b: Int32Array, bi: number, bs: number,
  out: Int32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const y = b[bi + i * bs]!;
    if (y === 0) throw new UnsupportedError('FLOOR_DIV: division by zero');
    out[oi + i] = Math.floor(a[ai + i * as]! / y);
  }
}

export const FLOOR_DIV_KERNEL: KernelRegistration<null, BinaryPrepared> = {
  op: BuiltinOp.FLOOR_DIV,
  name: 'FLOOR_DIV (float32/int32, reference)',
  parseOptions: () => null,
  supports: (node) => binarySupports(node, ['float32', 'int32']),
  prepare: (node) => prepareBinary(node, ['float32', 'int32']),
  eval: (node, data) => evalBinary(node, data, floorDivFloat32, floorDivInt32),
};
