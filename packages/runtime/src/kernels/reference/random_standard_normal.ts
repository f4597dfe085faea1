/** RANDOM_STANDARD_NORMAL (float32, Box–Muller): see common/random_kernel.ts. */
import { randomKernel } from '../common/random_kernel.js';

export const RANDOM_STANDARD_NORMAL_KERNEL = randomKernel('RANDOM_STANDARD_NORMAL');
