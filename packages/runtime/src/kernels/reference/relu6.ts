/** RELU6 (float32): x clamped to [0, 6]. */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = x < 0 ? 0 : x > 6 ? 6 : x */
export function relu6(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x < 0 ? 0 : x > 6 ? 6 : x;
  }
}

export const RELU6_KERNEL = floatUnaryKernel('RELU6', relu6);
