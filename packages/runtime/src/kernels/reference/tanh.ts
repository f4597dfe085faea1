/** TANH (float32): hyperbolic tangent. */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = Math.tanh(x) */
export function tanh(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.tanh(x);
  }
}

export const TANH_KERNEL = floatUnaryKernel('TANH', tanh);
