/** RELU_N1_TO_1 (float32): x clamped to [-1, 1]. */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = x < -1 ? -1 : x > 1 ? 1 : x */
export function reluN1To1(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x < -1 ? -1 : x > 1 ? 1 : x;
  }
}

export const RELU_N1_TO_1_KERNEL = floatUnaryKernel('RELU_N1_TO_1', reluN1To1);
