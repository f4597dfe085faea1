/**
 * Kernels for builtin ops beyond the runtime issue's core list that published models commonly use
 * (segmentation decoders, pose and text models, detection post-processing). The builtin resolver adds this
 * list after the float compute and layout kernels and before the integer ones.
 */
import type { AnyKernel } from '../kernel.js';
import { ABS_KERNEL } from './abs.js';
import { ADD_N_KERNEL } from './add_n.js';
import { ARG_MIN_KERNEL } from './arg_min.js';
import { ATAN2_KERNEL } from './atan2.js';
import { BATCH_TO_SPACE_ND_KERNEL } from './batch_to_space_nd.js';
import { BROADCAST_TO_KERNEL } from './broadcast_to.js';
import { CEIL_KERNEL } from './ceil.js';
import { COS_KERNEL } from './cos.js';
import { CUMSUM_KERNEL } from './cumsum.js';
import { DEPTH_TO_SPACE_KERNEL } from './depth_to_space.js';
import { DETECTION_POSTPROCESS_KERNEL } from './detection_postprocess.js';
import { ELU_KERNEL } from './elu.js';
import { ELU_QUANTIZED_KERNEL } from './elu_quantized.js';
import { EMBEDDING_LOOKUP_HYBRID_KERNEL, EMBEDDING_LOOKUP_KERNEL } from './embedding_lookup.js';
import { EQUAL_KERNEL } from './equal.js';
import { FILL_KERNEL } from './fill.js';
import { FLOOR_KERNEL } from './floor.js';
import { FLOOR_DIV_KERNEL, FLOOR_DIV_SMALL_INT_KERNEL } from './floor_div.js';
import { FLOOR_MOD_KERNEL, FLOOR_MOD_SMALL_INT_KERNEL } from './floor_mod.js';
import { GATHER_ND_KERNEL } from './gather_nd.js';
import { GELU_KERNEL } from './gelu.js';
import { GELU_QUANTIZED_KERNEL } from './gelu_quantized.js';
import { GREATER_KERNEL } from './greater.js';
import { GREATER_EQUAL_KERNEL } from './greater_equal.js';
import { L2_NORMALIZATION_KERNEL } from './l2_normalization.js';
import { L2_NORMALIZATION_QUANTIZED_KERNEL } from './l2_normalization_quantized.js';
import { L2_POOL_2D_KERNEL } from './l2_pool_2d.js';
import { LESS_KERNEL } from './less.js';
import { LESS_EQUAL_KERNEL } from './less_equal.js';
import { LOCAL_RESPONSE_NORMALIZATION_KERNEL } from './local_response_normalization.js';
import { LOG_SOFTMAX_KERNEL } from './log_softmax.js';
import { LOG_SOFTMAX_QUANTIZED_KERNEL } from './log_softmax_quantized.js';
import { LOGICAL_AND_KERNEL } from './logical_and.js';
import { LOGICAL_NOT_KERNEL } from './logical_not.js';
import { LOGICAL_OR_KERNEL } from './logical_or.js';
import { MAXIMUM_QUANTIZED_KERNEL } from './maximum_quantized.js';
import { MINIMUM_QUANTIZED_KERNEL } from './minimum_quantized.js';
import { MIRROR_PAD_KERNEL } from './mirror_pad.js';
import { NEG_KERNEL } from './neg.js';
import { NOT_EQUAL_KERNEL } from './not_equal.js';
import { ONE_HOT_KERNEL } from './one_hot.js';
import { POW_KERNEL } from './pow.js';
import { PRELU_KERNEL } from './prelu.js';
import { PRELU_QUANTIZED_KERNEL } from './prelu_quantized.js';
import { RANGE_KERNEL } from './range.js';
import { RANK_KERNEL } from './rank.js';
import { REDUCE_ALL_KERNEL } from './reduce_all.js';
import { REDUCE_ANY_KERNEL } from './reduce_any.js';
import { REDUCE_MAX_KERNEL } from './reduce_max.js';
import { REDUCE_MIN_KERNEL } from './reduce_min.js';
import { REDUCE_PROD_KERNEL } from './reduce_prod.js';
import { RESIZE_BILINEAR_QUANTIZED_KERNEL } from './resize_bilinear_quantized.js';
import { RESIZE_NEAREST_NEIGHBOR_QUANTIZED_KERNEL } from './resize_nearest_neighbor_quantized.js';
import { REVERSE_V2_KERNEL } from './reverse_v2.js';
import { ROUND_KERNEL } from './round.js';
import { SELECT_KERNEL } from './select.js';
import { SELECT_V2_KERNEL } from './select_v2.js';
import { SIN_KERNEL } from './sin.js';
import { SPACE_TO_BATCH_ND_KERNEL } from './space_to_batch_nd.js';
import { SPACE_TO_DEPTH_KERNEL } from './space_to_depth.js';
import { SPLIT_V_KERNEL } from './split_v.js';
import { SQUARE_KERNEL } from './square.js';
import { TILE_KERNEL } from './tile.js';
import { TOPK_V2_KERNEL } from './top_k_v2.js';
import { TRANSPOSE_CONV_KERNEL } from './transpose_conv.js';
import { TRANSPOSE_CONV_INT16_KERNEL, TRANSPOSE_CONV_QUANTIZED_XNNPACK_KERNEL } from './transpose_conv_quantized.js';
import { INT64_ARITHMETIC_KERNELS } from './int64_arithmetic.js';
import { RESIZE_BILINEAR_INT16_KERNEL } from './resize_bilinear_int16.js';
import { SIGN_KERNEL } from './sign.js';
import { ZEROS_LIKE_KERNEL } from './zeros_like.js';

export const EXTRA_KERNELS: readonly AnyKernel[] = [
  SIGN_KERNEL,
  // The custom operator closing SSD-style detection models.
  DETECTION_POSTPROCESS_KERNEL,
  // Convolution and normalization.
  TRANSPOSE_CONV_KERNEL,
  // int8/uint8: LiteRT's default (XNNPACK) requantization, as for CONV_2D; the TFLite-integer variant
  // (TRANSPOSE_CONV_QUANTIZED_KERNEL) stays exported for resolvers that want it.
  TRANSPOSE_CONV_QUANTIZED_XNNPACK_KERNEL,
  TRANSPOSE_CONV_INT16_KERNEL,
  PRELU_KERNEL,
  PRELU_QUANTIZED_KERNEL,
  LOG_SOFTMAX_KERNEL,
  LOG_SOFTMAX_QUANTIZED_KERNEL,
  L2_NORMALIZATION_KERNEL,
  L2_NORMALIZATION_QUANTIZED_KERNEL,
  LOCAL_RESPONSE_NORMALIZATION_KERNEL,
  GELU_KERNEL,
  ELU_KERNEL,
  L2_POOL_2D_KERNEL,
  CUMSUM_KERNEL,
  // Element-wise math. SIGN_KERNEL (sign.ts) is finished but left out: core/ops.ts numbers SIGN 159 where
  // the schema has 158 (159 is BITCAST), so registering it would run SIGN for BITCAST nodes.
  NEG_KERNEL, ABS_KERNEL, FLOOR_KERNEL, CEIL_KERNEL, ROUND_KERNEL, SIN_KERNEL, COS_KERNEL, SQUARE_KERNEL,
  POW_KERNEL, FLOOR_DIV_KERNEL, FLOOR_MOD_KERNEL, ATAN2_KERNEL, ADD_N_KERNEL,
  // The integer types TFLite's templated kernels also take: int64 arithmetic, raw int8/int16 FLOOR_DIV/MOD.
  ...INT64_ARITHMETIC_KERNELS, FLOOR_DIV_SMALL_INT_KERNEL, FLOOR_MOD_SMALL_INT_KERNEL,
  // Comparisons, logic, selection.
  LESS_KERNEL, GREATER_KERNEL, LESS_EQUAL_KERNEL, GREATER_EQUAL_KERNEL, EQUAL_KERNEL, NOT_EQUAL_KERNEL,
  LOGICAL_AND_KERNEL, LOGICAL_OR_KERNEL, LOGICAL_NOT_KERNEL, SELECT_KERNEL, SELECT_V2_KERNEL,
  // Reductions.
  REDUCE_MAX_KERNEL, REDUCE_MIN_KERNEL, REDUCE_PROD_KERNEL, REDUCE_ANY_KERNEL, REDUCE_ALL_KERNEL, ARG_MIN_KERNEL,
  TOPK_V2_KERNEL,
  // Layout.
  SPACE_TO_BATCH_ND_KERNEL, BATCH_TO_SPACE_ND_KERNEL, DEPTH_TO_SPACE_KERNEL, SPACE_TO_DEPTH_KERNEL,
  SPLIT_V_KERNEL, MIRROR_PAD_KERNEL, TILE_KERNEL, BROADCAST_TO_KERNEL, GATHER_ND_KERNEL, ZEROS_LIKE_KERNEL,
  FILL_KERNEL, RANGE_KERNEL, ONE_HOT_KERNEL, EMBEDDING_LOOKUP_KERNEL, EMBEDDING_LOOKUP_HYBRID_KERNEL, REVERSE_V2_KERNEL,
  RANK_KERNEL,
  // Quantized forms: table-driven ELU/GELU; MAXIMUM/MINIMUM and resizing with one set of parameters.
  ELU_QUANTIZED_KERNEL, GELU_QUANTIZED_KERNEL, MAXIMUM_QUANTIZED_KERNEL, MINIMUM_QUANTIZED_KERNEL,
  RESIZE_BILINEAR_QUANTIZED_KERNEL,
  RESIZE_BILINEAR_INT16_KERNEL,
  RESIZE_NEAREST_NEIGHBOR_QUANTIZED_KERNEL,
] as AnyKernel[];
