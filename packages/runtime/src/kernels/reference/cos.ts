/** COS (float32). */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const COS_KERNEL = unaryMapKernel(BuiltinOp.COS, 'COS', ['float32'], Math.cos);
