import type { AnyKernel } from '../kernel.js';

export const QUANTIZED_KERNELS: readonly AnyKernel[] = [];
