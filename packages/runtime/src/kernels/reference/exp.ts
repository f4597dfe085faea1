/** EXP (float32): e^x. */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = Math.exp(x) */
export function exp(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.exp(x);
  }
}

export const EXP_KERNEL = floatUnaryKernel('EXP', exp);
