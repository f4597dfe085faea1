/**
 * The WebAssembly SIMD kernels, as registrations to add after the reference and integer kernels (they win
 * for the nodes their `supports` accepts, and decline everything when SIMD is missing). Also re-exports the
 * standalone compute API (api.ts) for use outside the interpreter.
 */
import type { AnyKernel } from '../kernel.js';
import { ADD_INT8_WASM_KERNEL } from './add.js';
import { AVERAGE_POOL_2D_WASM_KERNEL } from './average_pool_2d.js';
import { CONV_2D_WASM_KERNEL } from './conv_2d.js';
import { CONV_2D_INT8_WASM_KERNEL } from './conv_2d_int8.js';
import { DEPTHWISE_CONV_2D_WASM_KERNEL } from './depthwise_conv_2d.js';
import { DEPTHWISE_CONV_2D_INT8_WASM_KERNEL } from './depthwise_conv_2d_int8.js';
import { FULLY_CONNECTED_WASM_KERNEL } from './fully_connected.js';
import { FULLY_CONNECTED_INT8_WASM_KERNEL } from './fully_connected_int8.js';
import { MAX_POOL_2D_8BIT_WASM_KERNEL, MAX_POOL_2D_WASM_KERNEL } from './max_pool_2d.js';
import { PAD_WASM_KERNEL } from './pad.js';
import { CONCATENATION_8BIT_WASM_KERNEL } from './concatenation_8bit.js';
import { QUANTIZE_F32_WASM_KERNEL } from './quantize_f32.js';
import { HARD_SWISH_LUT8_KERNEL, LEAKY_RELU_LUT8_KERNEL, QUANTIZE_LUT8_KERNEL } from './lut8.js';
import { SLICE_WASM_KERNEL, STRIDED_SLICE_WASM_KERNEL, TRANSPOSE_WASM_KERNEL } from './strided_copy.js';
import { CONV_2D_HYBRID_WASM_KERNEL, FULLY_CONNECTED_HYBRID_WASM_KERNEL } from './hybrid_kernels.js';
import { TRANSPOSE_CONV_WASM_KERNEL } from './transpose_conv.js';
import { CONVOLUTION_2D_TRANSPOSE_BIAS_WASM_KERNEL } from './convolution_2d_transpose_bias.js';
import {
  ADD_F32_WASM_KERNEL, MUL_F32_WASM_KERNEL, PRELU_F32_WASM_KERNEL, SQUARED_DIFFERENCE_F32_WASM_KERNEL, SUB_F32_WASM_KERNEL,
} from './binary_f32.js';
import { RELU6_WASM_KERNEL, RELU_N1_TO_1_WASM_KERNEL, RELU_WASM_KERNEL } from './unary_f32.js';

export const WASM_KERNELS: readonly AnyKernel[] = [
  CONV_2D_WASM_KERNEL,
  DEPTHWISE_CONV_2D_WASM_KERNEL,
  FULLY_CONNECTED_WASM_KERNEL,
  MAX_POOL_2D_WASM_KERNEL,
  AVERAGE_POOL_2D_WASM_KERNEL,
  PAD_WASM_KERNEL,
  CONV_2D_INT8_WASM_KERNEL,
  DEPTHWISE_CONV_2D_INT8_WASM_KERNEL,
  FULLY_CONNECTED_INT8_WASM_KERNEL,
  ADD_INT8_WASM_KERNEL,
  MAX_POOL_2D_8BIT_WASM_KERNEL,
  ADD_F32_WASM_KERNEL,
  SUB_F32_WASM_KERNEL,
  MUL_F32_WASM_KERNEL,
  SQUARED_DIFFERENCE_F32_WASM_KERNEL,
  PRELU_F32_WASM_KERNEL,
  RELU_WASM_KERNEL,
  RELU6_WASM_KERNEL,
  RELU_N1_TO_1_WASM_KERNEL,
  TRANSPOSE_CONV_WASM_KERNEL,
  CONVOLUTION_2D_TRANSPOSE_BIAS_WASM_KERNEL,
  CONV_2D_HYBRID_WASM_KERNEL,
  FULLY_CONNECTED_HYBRID_WASM_KERNEL,
  TRANSPOSE_WASM_KERNEL,
  SLICE_WASM_KERNEL,
  STRIDED_SLICE_WASM_KERNEL,
  LEAKY_RELU_LUT8_KERNEL,
  HARD_SWISH_LUT8_KERNEL,
  QUANTIZE_LUT8_KERNEL,
  QUANTIZE_F32_WASM_KERNEL,
  CONCATENATION_8BIT_WASM_KERNEL,
] as AnyKernel[];

export { simdSupported } from './module.js';
export * from './api.js';
