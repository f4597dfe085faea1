/** FLOOR (float32): the largest integer not above x. */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const FLOOR_KERNEL = unaryMapKernel(BuiltinOp.FLOOR, 'FLOOR', ['float32'], Math.floor);
