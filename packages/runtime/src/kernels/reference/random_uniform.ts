/** RANDOM_UNIFORM (float32 in [0, 1)): see common/random_kernel.ts. */
import { randomKernel } from '../common/random_kernel.js';

export const RANDOM_UNIFORM_KERNEL = randomKernel('RANDOM_UNIFORM');
