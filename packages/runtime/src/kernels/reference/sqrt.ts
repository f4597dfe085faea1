/** SQRT (float32): √x. */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = Math.sqrt(x) */
export function sqrt(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.sqrt(x);
  }
}

export const SQRT_KERNEL = floatUnaryKernel('SQRT', sqrt);
