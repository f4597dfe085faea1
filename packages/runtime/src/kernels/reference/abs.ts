/** ABS (float32, int32): |x| (int32 −2³¹ stays −2³¹, wrapping as in C++). */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const ABS_KERNEL = unaryMapKernel(BuiltinOp.ABS, 'ABS', ['float32', 'int32'], Math.abs);
