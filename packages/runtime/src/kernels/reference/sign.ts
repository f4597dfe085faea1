/** SIGN (float32, int32): −1, 0 or 1 (TFLite's (0 < x) − (x < 0), so NaN gives 0). */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const sign = (x: number): number => (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0);

export const SIGN_KERNEL = unaryMapKernel(BuiltinOp.SIGN, 'SIGN', ['float32', 'int32'], sign);
