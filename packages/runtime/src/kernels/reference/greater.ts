/** GREATER: x > y, element-wise with numpy broadcasting; a bool output. */
import { BuiltinOp } from '../../core/ops.js';
import { comparisonKernel, ORDERED_DTYPES } from '../common/comparison_kernel.js';
import type { Elements } from '../common/elements.js';

export function greaterRow(
  a: Elements, ai: number, as: number,
  b: Elements, bi: number, bs: number,
  out: Elements, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! > b[bi + i * bs]! ? 1 : 0;
}

export const GREATER_KERNEL = comparisonKernel(BuiltinOp.GREATER, 'GREATER', ORDERED_DTYPES, greaterRow);
