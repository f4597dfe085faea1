/** CEIL (float32): the smallest integer not below x. */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const CEIL_KERNEL = unaryMapKernel(BuiltinOp.CEIL, 'CEIL', ['float32'], Math.ceil);
