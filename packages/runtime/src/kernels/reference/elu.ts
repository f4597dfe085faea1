/** ELU (float32): x for x ≥ 0, e^x − 1 (expm1, as TFLite) below. */
import { BuiltinOp } from '../../core/ops.js';
import { unaryMapKernel } from '../common/unary_map.js';

export const elu = (x: number): number => (x < 0 ? Math.expm1(x) : x);

export const ELU_KERNEL = unaryMapKernel(BuiltinOp.ELU, 'ELU', ['float32'], elu);
