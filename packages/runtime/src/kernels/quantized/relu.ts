/** RELU, quantized: max(0, x) on the output's scale. */
import { BuiltinOp } from '../../core/ops.js';
import { reluKernel } from './relu_params.js';

export const RELU_QUANTIZED_KERNEL = reluKernel(BuiltinOp.RELU, 'RELU', 0, Infinity);
