/**
 * FLOOR_MOD (float32, int32) with broadcasting: the remainder with the divisor's sign (TFLite's FloorMod:
 * the truncated remainder, plus y when it is non-zero and its sign differs from y's). int32 refuses y = 0.
 */
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { binarySupports, evalBinary, prepareBinary, type BinaryPrepared } from '../common/binary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** JS `%` truncates like C's fmod and integer %. */
export function floorMod(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && y < 0 !== r < 0 ? r + y : r;
}

export function floorModFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = floorMod(a[ai + i * as]!, b[bi + i * bs]!);
}

export function floorModInt32(
  a: Int32Array, ai: number, as: number,
  b: Int32Array, bi: number, bs: number,
  out: Int32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const y = b[bi + i * bs]!;
    if (y === 0) throw new UnsupportedError('FLOOR_MOD: division by zero');
    out[oi + i] = floorMod(a[ai + i * as]!, y);
  }
}

export const FLOOR_MOD_KERNEL: KernelRegistration<null, BinaryPrepared> = {
  op: BuiltinOp.FLOOR_MOD,
  name: 'FLOOR_MOD (float32/int32, reference)',
  parseOptions: () => null,
  supports: (node) => binarySupports(node, ['float32', 'int32']),
  prepare: (node) => prepareBinary(node, ['float32', 'int32']),
  eval: (node, data) => evalBinary(node, data, floorModFloat32, floorModInt32),
};
