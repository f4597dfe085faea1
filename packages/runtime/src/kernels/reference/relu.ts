/** RELU (float32): max(0, x). */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = x > 0 ? x : 0 */
export function relu(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x > 0 ? x : 0;
  }
}

export const RELU_KERNEL = floatUnaryKernel('RELU', relu);
