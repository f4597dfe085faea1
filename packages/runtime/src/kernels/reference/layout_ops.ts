/** The reference layout, reduction and resize kernels, for builtinOpResolver (kernels/builtin.ts). */
import type { AnyKernel } from '../kernel.js';
import { ARG_MAX_KERNEL } from './arg_max.js';
import { CAST_KERNEL } from './cast.js';
import { CONCATENATION_KERNEL } from './concatenation.js';
import { EXPAND_DIMS_KERNEL } from './expand_dims.js';
import { GATHER_KERNEL } from './gather.js';
import { MEAN_KERNEL } from './mean.js';
import { PACK_KERNEL } from './pack.js';
import { PAD_KERNEL } from './pad.js';
import { PADV2_KERNEL } from './pad_v2.js';
import { RESHAPE_KERNEL } from './reshape.js';
import { RESIZE_BILINEAR_KERNEL } from './resize_bilinear.js';
import { RESIZE_NEAREST_NEIGHBOR_KERNEL } from './resize_nearest_neighbor.js';
import { SHAPE_KERNEL } from './shape.js';
import { SLICE_KERNEL } from './slice.js';
import { SPLIT_KERNEL } from './split.js';
import { SQUEEZE_KERNEL } from './squeeze.js';
import { STRIDED_SLICE_KERNEL } from './strided_slice.js';
import { SUM_KERNEL } from './sum.js';
import { TRANSPOSE_KERNEL } from './transpose.js';
import { UNPACK_KERNEL } from './unpack.js';

export const LAYOUT_KERNELS: readonly AnyKernel[] = [
  RESHAPE_KERNEL,
  SQUEEZE_KERNEL,
  EXPAND_DIMS_KERNEL,
  CAST_KERNEL,
  CONCATENATION_KERNEL,
  PACK_KERNEL,
  UNPACK_KERNEL,
  SPLIT_KERNEL,
  PAD_KERNEL,
  PADV2_KERNEL,
  TRANSPOSE_KERNEL,
  STRIDED_SLICE_KERNEL,
  SLICE_KERNEL,
  GATHER_KERNEL,
  SHAPE_KERNEL,
  ARG_MAX_KERNEL,
  MEAN_KERNEL,
  SUM_KERNEL,
  RESIZE_BILINEAR_KERNEL,
  RESIZE_NEAREST_NEIGHBOR_KERNEL,
];
