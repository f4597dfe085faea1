import type { AnyKernel } from '../kernel.js';

export const LAYOUT_KERNELS: readonly AnyKernel[] = [];
