/**
 * Builtin kernels for the rest of TFLite's builtin resolver: sparse weights, complex numbers and FFTs,
 * scatter/segment/indexing ops, NMS, 3-D convolutions, random numbers, hashing and string ops, bit ops. The
 * builtin resolver adds this list after the extra kernels.
 */
import type { AnyKernel } from '../kernel.js';
import { BITCAST_KERNEL } from './bitcast.js';
import { BITWISE_XOR_KERNEL } from './bitwise_xor.js';
import { BROADCAST_ARGS_KERNEL } from './broadcast_args.js';
import { BUCKETIZE_KERNEL } from './bucketize.js';
import { COMPLEX_ABS_KERNEL } from './complex_abs.js';
import { CONV_3D_KERNEL } from './conv_3d.js';
import { CONV_3D_TRANSPOSE_KERNEL } from './conv_3d_transpose.js';
import { EMBEDDING_LOOKUP_SPARSE_KERNEL } from './embedding_lookup_sparse.js';
import { EQUAL_STRING_KERNEL } from './equal_string.js';
import { NOT_EQUAL_STRING_KERNEL } from './not_equal_string.js';
import { HASHTABLE_LOOKUP_KERNEL } from './hashtable_lookup.js';
import { LSH_PROJECTION_KERNEL } from './lsh_projection.js';
import { MULTINOMIAL_KERNEL } from './multinomial.js';
import { NON_MAX_SUPPRESSION_V4_KERNEL } from './non_max_suppression_v4.js';
import { NON_MAX_SUPPRESSION_V5_KERNEL } from './non_max_suppression_v5.js';
import { RANDOM_STANDARD_NORMAL_KERNEL } from './random_standard_normal.js';
import { RANDOM_UNIFORM_KERNEL } from './random_uniform.js';
import { SKIP_GRAM_KERNEL } from './skip_gram.js';
import { DENSIFY_KERNEL } from './densify.js';
import { DILATE_KERNEL } from './dilate.js';
import { MUL_COMPLEX64_KERNEL, MUL_UINT32_KERNEL } from './mul_complex_uint32.js';
import { REDUCE_WINDOW_KERNEL } from './reduce_window.js';
import { DYNAMIC_UPDATE_SLICE_KERNEL } from './dynamic_update_slice.js';
import { FAKE_QUANT_KERNEL } from './fake_quant.js';
import { IMAG_KERNEL } from './imag.js';
import { MATRIX_DIAG_KERNEL } from './matrix_diag.js';
import { MATRIX_SET_DIAG_KERNEL } from './matrix_set_diag.js';
import { REAL_KERNEL } from './real.js';
import { RELU_0_TO_1_KERNEL } from './relu_0_to_1.js';
import { RELU_0_TO_1_QUANTIZED_KERNEL } from './relu_0_to_1_quantized.js';
import { REVERSE_SEQUENCE_KERNEL } from './reverse_sequence.js';
import { RFFT2D_KERNEL } from './rfft2d.js';
import { RIGHT_SHIFT_KERNEL } from './right_shift.js';
import { SCATTER_ND_KERNEL } from './scatter_nd.js';
import { SEGMENT_SUM_KERNEL } from './segment_sum.js';
import { SPARSE_TO_DENSE_KERNEL } from './sparse_to_dense.js';
import { UNSORTED_SEGMENT_MAX_KERNEL } from './unsorted_segment_max.js';
import { UNSORTED_SEGMENT_MIN_KERNEL } from './unsorted_segment_min.js';
import { UNSORTED_SEGMENT_PROD_KERNEL } from './unsorted_segment_prod.js';
import { UNSORTED_SEGMENT_SUM_KERNEL } from './unsorted_segment_sum.js';

export const MORE_KERNELS: readonly AnyKernel[] = [
  DENSIFY_KERNEL,
  // Complex numbers (audio front ends: YAMNet).
  RFFT2D_KERNEL, COMPLEX_ABS_KERNEL, REAL_KERNEL, IMAG_KERNEL, MUL_COMPLEX64_KERNEL, MUL_UINT32_KERNEL,
  // Scatter, segments and sparse/dense conversions.
  SCATTER_ND_KERNEL, SEGMENT_SUM_KERNEL, UNSORTED_SEGMENT_SUM_KERNEL, UNSORTED_SEGMENT_PROD_KERNEL,
  UNSORTED_SEGMENT_MAX_KERNEL, UNSORTED_SEGMENT_MIN_KERNEL, SPARSE_TO_DENSE_KERNEL, DYNAMIC_UPDATE_SLICE_KERNEL,
  // Shapes, layout and matrices.
  BROADCAST_ARGS_KERNEL, REVERSE_SEQUENCE_KERNEL, MATRIX_DIAG_KERNEL, MATRIX_SET_DIAG_KERNEL, DILATE_KERNEL, REDUCE_WINDOW_KERNEL,
  // Element-wise: activations, quantization emulation, bucketing, bit operations.
  RELU_0_TO_1_KERNEL, RELU_0_TO_1_QUANTIZED_KERNEL, FAKE_QUANT_KERNEL, BUCKETIZE_KERNEL,
  BITCAST_KERNEL, BITWISE_XOR_KERNEL, RIGHT_SHIFT_KERNEL,
  // Detection post-processing and 3-D convolutions.
  NON_MAX_SUPPRESSION_V4_KERNEL, NON_MAX_SUPPRESSION_V5_KERNEL, CONV_3D_KERNEL, CONV_3D_TRANSPOSE_KERNEL,
  // Lookups, hashing and text.
  EMBEDDING_LOOKUP_SPARSE_KERNEL, HASHTABLE_LOOKUP_KERNEL, LSH_PROJECTION_KERNEL, SKIP_GRAM_KERNEL,
  EQUAL_STRING_KERNEL, NOT_EQUAL_STRING_KERNEL,
  // Random numbers (stateful: never folded at prepare).
  RANDOM_UNIFORM_KERNEL, RANDOM_STANDARD_NORMAL_KERNEL, MULTINOMIAL_KERNEL,
] as AnyKernel[];
