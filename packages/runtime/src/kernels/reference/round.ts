/**
 * ROUND (float32). TFLite rounds halves to even (reference_ops::RoundToNearest), unlike Math.round, which
 * rounds halves up: round(2.5) = 2, round(-2.5) = -2.
 */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export function roundHalfToEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5 || (diff === 0.5 && f % 2 === 0)) return f;
  return f + 1;
}

export const ROUND_KERNEL = unaryMapKernel(BuiltinOp.ROUND, 'ROUND', ['float32'], roundHalfToEven);
