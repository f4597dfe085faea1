/** NEG (float32, int32): −x. */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const negate = (x: number): number => -x;

export const NEG_KERNEL = unaryMapKernel(BuiltinOp.NEG, 'NEG', ['float32', 'int32'], negate);
