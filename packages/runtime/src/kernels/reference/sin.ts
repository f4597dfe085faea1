/** SIN (float32). */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const SIN_KERNEL = unaryMapKernel(BuiltinOp.SIN, 'SIN', ['float32'], Math.sin);
