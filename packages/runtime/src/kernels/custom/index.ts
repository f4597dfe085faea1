/**
 * Custom operators (BuiltinOp.CUSTOM, told apart by the node's custom code) that Google's runtimes ship for
 * published models: MediaPipe's segmentation and face-mesh operators and TFLite Micro's signal library.
 */
import type { AnyKernel } from '../kernel.js';
import { CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL } from './convolution_2d_transpose_bias.js';
import { MAX_POOLING_WITH_ARGMAX_2D_KERNEL } from './max_pooling_with_argmax_2d.js';
import { LANDMARKS_TO_TRANSFORM_MATRIX_KERNEL } from './landmarks_to_transform_matrix.js';
import { MAX_UNPOOLING_2D_KERNEL } from './max_unpooling_2d.js';
import { SIGNAL_KERNELS } from './signal/index.js';
import { TRANSFORM_LANDMARKS_KERNEL } from './transform_landmarks.js';
import { TRANSFORM_TENSOR_BILINEAR_KERNEL } from './transform_tensor_bilinear.js';
import { ETHOS_U_KERNEL } from './vendor_ops.js';

export const CUSTOM_KERNELS: readonly AnyKernel[] = [
  // MediaPipe (mediapipe/util/tflite/operations): hair and selfie segmentation.
  CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL,
  MAX_POOLING_WITH_ARGMAX_2D_KERNEL,
  MAX_UNPOOLING_2D_KERNEL,
  // MediaPipe: face landmarks with attention (version 2, as MediaPipe's resolver registers them).
  LANDMARKS_TO_TRANSFORM_MATRIX_KERNEL,
  TRANSFORM_TENSOR_BILINEAR_KERNEL,
  TRANSFORM_LANDMARKS_KERNEL,
  // TFLite Micro's signal library: audio front ends.
  ...SIGNAL_KERNELS,
  // Vendor accelerator payloads, refused with a reason.
  ETHOS_U_KERNEL,
] as AnyKernel[];
