/** Kernels whose output shape depends on input values (WHERE, UNIQUE): their outputs are dynamic tensors. */
import type { AnyKernel } from '../kernel.js';
import { UNIQUE_KERNEL } from './unique.js';
import { WHERE_KERNEL } from './where.js';

export const DYNAMIC_KERNELS: readonly AnyKernel[] = [WHERE_KERNEL as AnyKernel, UNIQUE_KERNEL as AnyKernel];
