/** RELU_0_TO_1 (float32): x clamped to [0, 1]. */
import { floatUnaryKernel } from '../common/unary_kernel.js';

export function relu0To1(input: Float32Array, output: Float32Array): void {
  for (let i = 0; i < input.length; i++) {
    const x = input[i]!;
    output[i] = x < 0 ? 0 : x > 1 ? 1 : x;
  }
}

export const RELU_0_TO_1_KERNEL = floatUnaryKernel('RELU_0_TO_1', relu0To1);
