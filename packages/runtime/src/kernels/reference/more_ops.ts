/**
 * Builtin kernels for the rest of TFLite's builtin resolver: sparse weights, complex numbers and FFTs,
 * scatter/segment/indexing ops, NMS, 3-D convolutions, random numbers, hashing and string ops, bit ops. The
 * builtin resolver adds this list after the extra kernels.
 */
import type { AnyKernel } from '../kernel.js';
import { COMPLEX_ABS_KERNEL } from './complex_abs.js';
import { DENSIFY_KERNEL } from './densify.js';
import { IMAG_KERNEL } from './imag.js';
import { REAL_KERNEL } from './real.js';
import { RFFT2D_KERNEL } from './rfft2d.js';

export const MORE_KERNELS: readonly AnyKernel[] = [
  DENSIFY_KERNEL,
  // Complex numbers (audio front ends: YAMNet).
  RFFT2D_KERNEL, COMPLEX_ABS_KERNEL, REAL_KERNEL, IMAG_KERNEL,
] as AnyKernel[];
