/**
 * The integer kernels. The builtin resolver adds this list after the float kernels, so each of these wins
 * for the nodes its `supports` accepts (int8/uint8/int16 tensors); everything else falls through to float.
 */
import type { AnyKernel } from '../kernel.js';
import { ADD_QUANTIZED_KERNEL, ADD_QUANTIZED_XNNPACK_KERNEL } from './add.js';
import { AVERAGE_POOL_2D_QUANTIZED_KERNEL } from './average_pool_2d.js';
import { CONCATENATION_QUANTIZED_KERNEL } from './concatenation.js';
import { CONV_2D_QUANTIZED_KERNEL, CONV_2D_QUANTIZED_XNNPACK_KERNEL } from './conv_2d.js';
import { DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL } from './depthwise_conv_2d.js';
import { FULLY_CONNECTED_QUANTIZED_KERNEL, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL } from './fully_connected.js';
import { HARD_SWISH_QUANTIZED_KERNEL } from './hard_swish.js';
import { LEAKY_RELU_QUANTIZED_KERNEL, LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL } from './leaky_relu.js';
import { LOGISTIC_QUANTIZED_KERNEL } from './logistic.js';
import { LOGISTIC_INT16_KERNEL } from './logistic_int16.js';
import { MAX_POOL_2D_QUANTIZED_KERNEL } from './max_pool_2d.js';
import { MEAN_QUANTIZED_KERNEL, MEAN_QUANTIZED_XNNPACK_KERNEL } from './mean.js';
import { MUL_QUANTIZED_KERNEL, MUL_QUANTIZED_XNNPACK_KERNEL } from './mul.js';
import { QUANTIZE_KERNEL, QUANTIZE_XNNPACK_KERNEL } from './quantize.js';
import { RELU_QUANTIZED_KERNEL } from './relu.js';
import { RELU6_QUANTIZED_KERNEL } from './relu6.js';
import { RELU_N1_TO_1_QUANTIZED_KERNEL } from './relu_n1_to_1.js';
import { SOFTMAX_QUANTIZED_KERNEL } from './softmax.js';
import { SOFTMAX_INT16_KERNEL } from './softmax_int16.js';
import { SUB_QUANTIZED_KERNEL, SUB_QUANTIZED_XNNPACK_KERNEL } from './sub.js';
import { SUM_QUANTIZED_KERNEL, SUM_QUANTIZED_XNNPACK_KERNEL } from './sum.js';
import { TANH_QUANTIZED_KERNEL } from './tanh.js';
import { TANH_INT16_KERNEL } from './tanh_int16.js';
import { CONV_2D_HYBRID_KERNEL, DEPTHWISE_CONV_2D_HYBRID_KERNEL } from './hybrid_conv.js';
import { BATCH_MATMUL_HYBRID_KERNEL, FULLY_CONNECTED_HYBRID_KERNEL } from './hybrid_dense.js';
import { BATCH_MATMUL_QUANTIZED_KERNEL } from './batch_matmul.js';
import { DIV_UINT8_KERNEL } from './div.js';
import {
  ABS_QUANTIZED_KERNEL, EXP_QUANTIZED_KERNEL, LOG_QUANTIZED_KERNEL, RSQRT_INT16_KERNEL, RSQRT_INT8_KERNEL,
} from './elementwise_math.js';
import { REDUCE_PROD_QUANTIZED_KERNEL } from './reduce_prod.js';
import { SQUARED_DIFFERENCE_INT8_KERNEL } from './squared_difference.js';
import { TRANSPOSE_CONV_HYBRID_KERNEL } from './hybrid_transpose_conv.js';

/** TFLite's builtin (reference) integer arithmetic for every quantized op, as TFLite Micro computes it. */
export const QUANTIZED_REFERENCE_KERNELS: readonly AnyKernel[] = [
  ADD_QUANTIZED_KERNEL,
  SUB_QUANTIZED_KERNEL,
  MUL_QUANTIZED_KERNEL,
  CONV_2D_QUANTIZED_KERNEL,
  DEPTHWISE_CONV_2D_QUANTIZED_KERNEL,
  FULLY_CONNECTED_QUANTIZED_KERNEL,
  AVERAGE_POOL_2D_QUANTIZED_KERNEL,
  MAX_POOL_2D_QUANTIZED_KERNEL,
  MEAN_QUANTIZED_KERNEL,
  SUM_QUANTIZED_KERNEL,
  CONCATENATION_QUANTIZED_KERNEL,
  SOFTMAX_QUANTIZED_KERNEL,
  SOFTMAX_INT16_KERNEL,
  LOGISTIC_QUANTIZED_KERNEL,
  TANH_QUANTIZED_KERNEL,
  LOGISTIC_INT16_KERNEL,
  TANH_INT16_KERNEL,
  RELU_QUANTIZED_KERNEL,
  RELU6_QUANTIZED_KERNEL,
  RELU_N1_TO_1_QUANTIZED_KERNEL,
  LEAKY_RELU_QUANTIZED_KERNEL,
  HARD_SWISH_QUANTIZED_KERNEL,
  QUANTIZE_KERNEL,
  ABS_QUANTIZED_KERNEL,
  RSQRT_INT8_KERNEL,
  RSQRT_INT16_KERNEL,
  EXP_QUANTIZED_KERNEL,
  LOG_QUANTIZED_KERNEL,
  SQUARED_DIFFERENCE_INT8_KERNEL,
  DIV_UINT8_KERNEL,
  REDUCE_PROD_QUANTIZED_KERNEL,
  BATCH_MATMUL_QUANTIZED_KERNEL,
] as AnyKernel[];

/**
 * Variants computing what LiteRT's default XNNPACK delegate computes where it takes the op (int8; uint8 for
 * the element-wise ones). Its arithmetic is what the conformance references hold.
 */
export const QUANTIZED_XNNPACK_KERNELS: readonly AnyKernel[] = [
  CONV_2D_QUANTIZED_XNNPACK_KERNEL,
  DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL,
  FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL,
  ADD_QUANTIZED_XNNPACK_KERNEL,
  SUB_QUANTIZED_XNNPACK_KERNEL,
  MEAN_QUANTIZED_XNNPACK_KERNEL,
  SUM_QUANTIZED_XNNPACK_KERNEL,
  MUL_QUANTIZED_XNNPACK_KERNEL,
  LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL,
  QUANTIZE_XNNPACK_KERNEL,
];

/**
 * The list the builtin resolver adds: the reference kernels, then the XNNPACK variants, which win where they
 * apply; int16 nodes (and uint8 convolutions) keep the reference arithmetic, as LiteRT does.
 */
export const QUANTIZED_KERNELS: readonly AnyKernel[] = [...QUANTIZED_REFERENCE_KERNELS, ...QUANTIZED_XNNPACK_KERNELS];

/**
 * The hybrid (float activations, int8 weights) kernels, computing exactly what LiteRT does (XNNPACK's dynamic
 * quantization, or TFLite's for DEPTHWISE_CONV_2D). The builtin resolver adds them after the SIMD kernels:
 * the SIMD hybrid paths quantize 1×1 convolutions per image and scale in another order, so they are not
 * bit-exact yet.
 */
export const HYBRID_KERNELS: readonly AnyKernel[] = [
  CONV_2D_HYBRID_KERNEL,
  DEPTHWISE_CONV_2D_HYBRID_KERNEL,
  FULLY_CONNECTED_HYBRID_KERNEL,
  BATCH_MATMUL_HYBRID_KERNEL,
  TRANSPOSE_CONV_HYBRID_KERNEL,
] as AnyKernel[];
