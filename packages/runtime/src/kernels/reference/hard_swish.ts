/** HARD_SWISH (float32): x · relu6(x + 3) / 6 (MobileNetV3). */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = x * Math.min(Math.max(x + 3, 0), 6) / 6 */
export function hardSwish(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x * Math.min(Math.max(x + 3, 0), 6) / 6;
  }
}

export const HARD_SWISH_KERNEL = floatUnaryKernel('HARD_SWISH', hardSwish);
