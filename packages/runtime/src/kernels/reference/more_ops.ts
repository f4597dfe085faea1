/**
 * Builtin kernels for the rest of TFLite's builtin resolver: sparse weights, complex numbers and FFTs,
 * scatter/segment/indexing ops, NMS, 3-D convolutions, random numbers, hashing and string ops, bit ops. The
 * builtin resolver adds this list after the extra kernels.
 */
import type { AnyKernel } from '../kernel.js';
import { DENSIFY_KERNEL } from './densify.js';

export const MORE_KERNELS: readonly AnyKernel[] = [
  DENSIFY_KERNEL,
] as AnyKernel[];
