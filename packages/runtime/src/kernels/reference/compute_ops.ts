/**
 * The float32 compute kernels (convolutions, pooling, dense, activations, element-wise math, DEQUANTIZE),
 * plus the int32 forms of ADD/SUB/MUL/DIV/MAXIMUM/MINIMUM used on shape tensors.
 */
import type { AnyKernel, KernelRegistration } from '../kernel.js';
import { ADD_KERNEL } from './add.js';
import { AVERAGE_POOL_2D_KERNEL } from './average_pool_2d.js';
import { BATCH_MATMUL_KERNEL } from './batch_matmul.js';
import { CONV_2D_KERNEL } from './conv_2d.js';
import { DEPTHWISE_CONV_2D_KERNEL } from './depthwise_conv_2d.js';
import { DEQUANTIZE_KERNEL } from './dequantize.js';
import { DIV_KERNEL } from './div.js';
import { EXP_KERNEL } from './exp.js';
import { FULLY_CONNECTED_KERNEL } from './fully_connected.js';
import { HARD_SWISH_KERNEL } from './hard_swish.js';
import { LEAKY_RELU_KERNEL } from './leaky_relu.js';
import { LOG_KERNEL } from './log.js';
import { LOGISTIC_KERNEL } from './logistic.js';
import { MAX_POOL_2D_KERNEL } from './max_pool_2d.js';
import { MAXIMUM_KERNEL } from './maximum.js';
import { MINIMUM_KERNEL } from './minimum.js';
import { MUL_KERNEL } from './mul.js';
import { RELU_KERNEL } from './relu.js';
import { RELU6_KERNEL } from './relu6.js';
import { RELU_N1_TO_1_KERNEL } from './relu_n1_to_1.js';
import { RSQRT_KERNEL } from './rsqrt.js';
import { SOFTMAX_KERNEL } from './softmax.js';
import { SQRT_KERNEL } from './sqrt.js';
import { SQUARED_DIFFERENCE_KERNEL } from './squared_difference.js';
import { SUB_KERNEL } from './sub.js';
import { TANH_KERNEL } from './tanh.js';

/** Each registration's own type parameters are erased here, as the resolver stores them. */
function erase<O, D>(reg: KernelRegistration<O, D>): AnyKernel {
  return reg as AnyKernel;
}

export const COMPUTE_KERNELS: readonly AnyKernel[] = [
  erase(CONV_2D_KERNEL),
  erase(DEPTHWISE_CONV_2D_KERNEL),
  erase(FULLY_CONNECTED_KERNEL),
  erase(MAX_POOL_2D_KERNEL),
  erase(AVERAGE_POOL_2D_KERNEL),
  erase(SOFTMAX_KERNEL),
  erase(LOGISTIC_KERNEL),
  erase(TANH_KERNEL),
  erase(RELU_KERNEL),
  erase(RELU6_KERNEL),
  erase(RELU_N1_TO_1_KERNEL),
  erase(LEAKY_RELU_KERNEL),
  erase(HARD_SWISH_KERNEL),
  erase(ADD_KERNEL),
  erase(SUB_KERNEL),
  erase(MUL_KERNEL),
  erase(DIV_KERNEL),
  erase(MAXIMUM_KERNEL),
  erase(MINIMUM_KERNEL),
  erase(SQUARED_DIFFERENCE_KERNEL),
  erase(RSQRT_KERNEL),
  erase(SQRT_KERNEL),
  erase(EXP_KERNEL),
  erase(LOG_KERNEL),
  erase(BATCH_MATMUL_KERNEL),
  erase(DEQUANTIZE_KERNEL),
];
