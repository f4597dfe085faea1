/** LOGICAL_OR (bool): x ∨ y, element-wise with numpy broadcasting. */
import { BuiltinOp } from '../../core/ops.js';
import { comparisonKernel } from '../common/comparison_kernel.js';
import type { Elements } from '../common/elements.js';

export function logicalOrRow(
  a: Elements, ai: number, as: number,
  b: Elements, bi: number, bs: number,
  out: Elements, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as] !== 0 || b[bi + i * bs] !== 0 ? 1 : 0;
}

export const LOGICAL_OR_KERNEL = comparisonKernel(BuiltinOp.LOGICAL_OR, 'LOGICAL_OR', ['bool'], logicalOrRow);
