/** Convolution2DTransposeBias on wasm against the reference custom kernel on random geometries. */
import { test } from 'node:test';
import type { Padding } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL } from '../custom/convolution_2d_transpose_bias.js';
import { transposeConvParamsBytes } from '../custom/raw_params.js';
import { CONVOLUTION_2D_TRANSPOSE_BIAS_WASM_KERNEL } from './convolution_2d_transpose_bias.js';
import { simdSupported } from './module.js';

test('wasm Convolution2DTransposeBias matches the reference on random strides, paddings, channel counts and batches', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const rand = seededRandom(29);
  for (let i = 0; i < 40; i++) {
    const padding: Padding = rand() < 0.5 ? 'SAME' : 'VALID';
    const [sH, sW] = [randomInt(rand, 1, 3), randomInt(rand, 1, 3)];
    const [kH, kW] = [randomInt(rand, 1, 5), randomInt(rand, 1, 5)];
    const [n, ih, iw, ic, oc] = [randomInt(rand, 1, 2), randomInt(rand, 1, 9), randomInt(rand, 1, 9), randomInt(rand, 1, 13), randomInt(rand, 1, 11)];
    const spec = {
      inputs: [
        { dtype: 'float32' as const, shape: [n, ih, iw, ic], data: randomFloats(rand, n * ih * iw * ic, -2, 2) },
        { dtype: 'float32' as const, shape: [oc, kH, kW, ic], data: randomFloats(rand, oc * kH * kW * ic), constant: true },
        { dtype: 'float32' as const, shape: [oc], data: randomFloats(rand, oc), constant: true },
      ],
      outputs: [{ dtype: 'float32' as const }],
      customCode: 'Convolution2DTransposeBias',
      customOptions: transposeConvParamsBytes({ padding, strideH: sH, strideW: sW }),
    };
    const [ours] = runKernel(CONVOLUTION_2D_TRANSPOSE_BIAS_WASM_KERNEL, spec);
    const [ref] = runKernel(CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL, spec);
    assertClose(ours!.data as Float32Array, ref!.data as Float32Array, `case ${i}`, 1e-4, 1e-4);
  }
});
