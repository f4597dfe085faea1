/** LOGISTIC (float32): the sigmoid 1 / (1 + e^-x). */
import { floatUnaryKernel } from '../common/unary_kernel.js';

/** output[i] = 1 / (1 + Math.exp(-x)) */
export function logistic(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = 1 / (1 + Math.exp(-x));
  }
}

export const LOGISTIC_KERNEL = floatUnaryKernel('LOGISTIC', logistic);
