/** RELU_0_TO_1, quantized (int8/uint8): requantize to the output, then clamp to [0, 1] on its scale. */
import { BuiltinOp } from '../../core/ops.js';
import { reluKernel } from '../quantized/relu_params.js';

export const RELU_0_TO_1_QUANTIZED_KERNEL = reluKernel(BuiltinOp.RELU_0_TO_1, 'RELU_0_TO_1', 0, 1);
