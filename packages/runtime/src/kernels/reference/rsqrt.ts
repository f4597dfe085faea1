/** RSQRT (float32): 1 / √x (NaN for negative x, +∞ at 0). */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = 1 / Math.sqrt(x) */
export function rsqrt(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = 1 / Math.sqrt(x);
  }
}

export const RSQRT_KERNEL = floatUnaryKernel('RSQRT', rsqrt);
