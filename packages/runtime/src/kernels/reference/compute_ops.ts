import type { AnyKernel } from '../kernel.js';

export const COMPUTE_KERNELS: readonly AnyKernel[] = [];
