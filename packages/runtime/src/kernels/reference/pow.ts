/**
 * POW (float32, int32) with numpy broadcasting. float32 is powf; int32 is TFLite's IntegerPow (repeated
 * squaring with int32 wrap-around), which refuses negative exponents.
 */
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { binarySupports, evalBinary, prepareBinary, type BinaryPrepared } from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

export function powFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = Math.pow(a[ai + i * as]!, b[bi + i * bs]!);
}

export function integerPow(base: number, exponent: number): number {
  if (exponent < 0) throw new UnsupportedError('POW: integer to a negative integer power is not allowed');
  let result = 1;
  let x = base | 0;
  for (let e = exponent; e > 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, x);
    x = Math.imul(x, x);
  }
  return result;
}

export function powInt32(
  a: Int32Array, ai: number, as: number,
  b: Int32Array, bi: number, bs: number,
  out: Int32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = integerPow(a[ai + i * as]!, b[bi + i * bs]!);
}

export const POW_KERNEL: KernelRegistration<null, BinaryPrepared> = {
  op: BuiltinOp.POW,
  name: 'POW (float32/int32, reference)',
  parseOptions: () => null,
  supports: (node) => binarySupports(node, ['float32', 'int32']),
  prepare: (node) => prepareBinary(node, ['float32', 'int32']),
  eval: (node, data) => evalBinary(node, data, powFloat32, powInt32),
};
