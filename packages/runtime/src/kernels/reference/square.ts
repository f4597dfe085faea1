/** SQUARE (float32): x·x. */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const square = (x: number): number => x * x;

export const SQUARE_KERNEL = unaryMapKernel(BuiltinOp.SQUARE, 'SQUARE', ['float32'], square);
