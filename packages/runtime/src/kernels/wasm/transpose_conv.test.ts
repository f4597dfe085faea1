/** TRANSPOSE_CONV (float32) on wasm against the reference kernel on random geometries. */
import { test } from 'node:test';
import type { FusedActivation, Padding, TransposeConvOptions } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom, type TestTensorSpec } from '@tflite-lambda/testing';
import { TRANSPOSE_CONV_KERNEL } from '../reference/transpose_conv.js';
import { simdSupported } from './module.js';
import { TRANSPOSE_CONV_WASM_KERNEL } from './transpose_conv.js';

const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];

/** The output size TFLite models use for a stride and padding: the input a convolution would shrink to `inSize`. */
function outSize(inSize: number, k: number, s: number, padding: Padding): number {
  return padding === 'SAME' ? inSize * s : (inSize - 1) * s + k;
}

test('wasm float32 TRANSPOSE_CONV matches the reference on random strides, paddings, odd channel counts and batches', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const rand = seededRandom(71);
  for (let i = 0; i < 40; i++) {
    const padding: Padding = rand() < 0.5 ? 'SAME' : 'VALID';
    const [sH, sW] = [randomInt(rand, 1, 3), randomInt(rand, 1, 3)];
    const [kH, kW] = [randomInt(rand, 1, 5), randomInt(rand, 1, 5)];
    const [n, ih, iw, ic, oc] = [randomInt(rand, 1, 2), randomInt(rand, 1, 9), randomInt(rand, 1, 9), randomInt(rand, 1, 13), randomInt(rand, 1, 11)];
    const outShape = [n, outSize(ih, kH, sH, padding), outSize(iw, kW, sW, padding), oc];
    const options: TransposeConvOptions = { kind: 'TransposeConvOptions', padding, strideH: sH, strideW: sW, fusedActivation: ACTS[i % 4]! };
    const inputs: (TestTensorSpec | null)[] = [
      { dtype: 'int32', shape: [4], data: outShape, constant: true },
      { dtype: 'float32', shape: [oc, kH, kW, ic], data: randomFloats(rand, oc * kH * kW * ic), constant: true },
      { dtype: 'float32', shape: [n, ih, iw, ic], data: randomFloats(rand, n * ih * iw * ic, -2, 2) },
    ];
    if (rand() < 0.6) inputs.push({ dtype: 'float32', shape: [oc], data: randomFloats(rand, oc), constant: true });
    const spec = { inputs, outputs: [{ dtype: 'float32' as const }], options };
    const [ours] = runKernel(TRANSPOSE_CONV_WASM_KERNEL, spec);
    const [ref] = runKernel(TRANSPOSE_CONV_KERNEL, spec);
    assertClose(ours!.data as Float32Array, ref!.data as Float32Array, `case ${i}`, 1e-4, 1e-4);
  }
});
