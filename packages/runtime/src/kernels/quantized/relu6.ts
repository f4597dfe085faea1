/** RELU6, quantized: clamp to [0, 6] on the output's scale. */
import { BuiltinOp } from '../../core/ops.js';
import { reluKernel } from './relu_params.js';

export const RELU6_QUANTIZED_KERNEL = reluKernel(BuiltinOp.RELU6, 'RELU6', 0, 6);
