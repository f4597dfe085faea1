/**
 * MediaPipe's Convolution2DTransposeBias (float32) on the SIMD transposed-convolution kernel: the geometry
 * from the reference kernel (its own padding rule and no output-shape input), the GEMM + col2im from
 * TRANSPOSE_CONV's, with the bias as the output's starting value.
 */
import { CONVOLUTION_2D_TRANSPOSE_BIAS_CODE, CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL } from '../custom/convolution_2d_transpose_bias.js';
import type { KernelRegistration } from '../kernel.js';
import type { RawTransposeConvParams } from '../custom/raw_params.js';
import { simdSupported } from './module.js';
import { evalTransposeConvF32, prepareTransposeConvF32, type WasmTransposeConvPrepared } from './transpose_conv.js';

export const CONVOLUTION_2D_TRANSPOSE_BIAS_WASM_KERNEL: KernelRegistration<RawTransposeConvParams, WasmTransposeConvPrepared> = {
  op: CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL.op,
  name: `${CONVOLUTION_2D_TRANSPOSE_BIAS_CODE} (float32, wasm simd)`,
  simd: true,
  parseOptions: CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL.parseOptions,
  work: CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL.work,
  supports: (node) => {
    const [input, filter, bias] = node.inputs;
    return simdSupported() && node.customCode === CONVOLUTION_2D_TRANSPOSE_BIAS_CODE && input?.dtype === 'float32' &&
      filter?.dtype === 'float32' && filter.isConstant && bias?.dtype === 'float32' && bias.isConstant === true &&
      node.outputs[0]?.dtype === 'float32';
  },
  prepare: (node) => {
    const g = CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL.prepare(node);
    const [, filter, bias] = node.inputs;
    return prepareTransposeConvF32(node, g, filter!.data as Float32Array, bias!.data as Float32Array, -Infinity, Infinity);
  },
  eval: (node, d) => evalTransposeConvF32(node, d, node.inputs[0]!.data as Float32Array),
};
