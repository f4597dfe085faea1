/** RELU_N1_TO_1, quantized: clamp to [−1, 1] on the output's scale. */
import { BuiltinOp } from '../../core/ops.js';
import { reluKernel } from './relu_params.js';

export const RELU_N1_TO_1_QUANTIZED_KERNEL = reluKernel(BuiltinOp.RELU_N1_TO_1, 'RELU_N1_TO_1', -1, 1);
