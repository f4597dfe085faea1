/** LOG (float32): natural logarithm (-∞ at 0, NaN below). */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = Math.log(x) */
export function log(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.log(x);
  }
}

export const LOG_KERNEL = floatUnaryKernel('LOG', log);
