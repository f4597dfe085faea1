/** The int8 wasm kernels against the XNNPACK-requantized TypeScript kernels: bit-exact on random shapes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import type { BuiltinOptions, FusedActivation, Padding } from '../../core/options.js';
import { randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/conv_2d.js';
import { DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/depthwise_conv_2d.js';
import { FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL } from '../quantized/fully_connected.js';
import { CONV_2D_INT8_WASM_KERNEL } from './conv_2d_int8.js';
import { DEPTHWISE_CONV_2D_INT8_WASM_KERNEL } from './depthwise_conv_2d_int8.js';
import { FULLY_CONNECTED_INT8_WASM_KERNEL } from './fully_connected_int8.js';

const q = (scale: number[], zeroPoint: number[], quantizedDimension = 0): QuantizationParams => ({ scale, zeroPoint, quantizedDimension });

function ints(rand: () => number, n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => randomInt(rand, lo, hi));
}

/** Random int8 node: input/output per-tensor, weights per channel on `axis` (or per tensor), int32 bias. */
function weightedSpec(
  rand: () => number, inShape: number[], wShape: number[], channels: number, axis: number, options: BuiltinOptions, bias: boolean,
  perTensor = false, weightZeroPoint = 0,
): RunKernelSpec {
  const inScale = 0.02 + rand() * 0.05;
  const wScales = Array.from({ length: perTensor ? 1 : channels }, () => 0.002 + rand() * 0.02);
  const n = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return {
    inputs: [
      { dtype: 'int8', shape: inShape, data: ints(rand, n(inShape), -128, 127), quantization: q([inScale], [randomInt(rand, -20, 20)]) },
      { dtype: 'int8', shape: wShape, data: ints(rand, n(wShape), -127, 127), quantization: q(wScales, wScales.map((_, c) => (weightZeroPoint ? weightZeroPoint + (c % 3) : 0)), axis), constant: true },
      bias
        ? { dtype: 'int32', shape: [channels], data: ints(rand, channels, -3000, 3000), constant: true,
          quantization: q(wScales.map((s) => s * inScale), wScales.map(() => 0)) }
        : null,
    ],
    outputs: [{ dtype: 'int8', quantization: q([0.05 + rand() * 0.3], [randomInt(rand, -10, 10)]) }],
    options,
  };
}

function assertSame<O, D, O2, D2>(ours: KernelRegistration<O, D>, ref: KernelRegistration<O2, D2>, spec: RunKernelSpec, what: string): void {
  const [a] = runKernel(ours, spec);
  const [b] = runKernel(ref, spec);
  assert.deepEqual(a!.shape, b!.shape, what);
  assert.deepEqual(Array.from(a!.data as Int8Array), Array.from(b!.data as Int8Array), what);
}

const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6'];

test('wasm int8 conv2d is bit-exact with the reference on random shapes, strides, dilations and paddings', () => {
  const rand = seededRandom(11);
  for (let i = 0; i < 50; i++) {
    const inC = randomInt(rand, 1, 19);
    const outC = randomInt(rand, 1, 21);
    const fh = randomInt(rand, 1, 3);
    const fw = randomInt(rand, 1, 3);
    const padding: Padding = rand() < 0.5 ? 'SAME' : 'VALID';
    const options: BuiltinOptions = {
      kind: 'Conv2DOptions', padding, strideH: randomInt(rand, 1, 2), strideW: randomInt(rand, 1, 3),
      dilationH: randomInt(rand, 1, 2), dilationW: randomInt(rand, 1, 2), fusedActivation: ACTS[randomInt(rand, 0, 2)]!,
    };
    const inShape = [randomInt(rand, 1, 2), randomInt(rand, 3, 11), randomInt(rand, 3, 11), inC];
    const spec = weightedSpec(rand, inShape, [outC, fh, fw, inC], outC, 0, options, rand() < 0.8);
    assertSame(CONV_2D_INT8_WASM_KERNEL, CONV_2D_QUANTIZED_XNNPACK_KERNEL, spec, `case ${i}`);
  }
});

test('wasm int8 depthwise SAME padding with stride 2 on odd input is bit-exact with the reference', () => {
  const rand = seededRandom(12);
  const options: BuiltinOptions = {
    kind: 'DepthwiseConv2DOptions', padding: 'SAME', strideH: 2, strideW: 2, dilationH: 1, dilationW: 1, depthMultiplier: 1,
    fusedActivation: 'RELU6',
  };
  assertSame(DEPTHWISE_CONV_2D_INT8_WASM_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL,
    weightedSpec(rand, [1, 9, 7, 13], [1, 3, 3, 13], 13, 3, options, true), 'stride 2');
});

test('wasm int8 depthwise is bit-exact with the reference on random shapes', () => {
  const rand = seededRandom(13);
  for (let i = 0; i < 50; i++) {
    const c = randomInt(rand, 1, 27);
    const options: BuiltinOptions = {
      kind: 'DepthwiseConv2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 2),
      strideW: randomInt(rand, 1, 2), dilationH: randomInt(rand, 1, 2), dilationW: randomInt(rand, 1, 2), depthMultiplier: 1,
      fusedActivation: ACTS[randomInt(rand, 0, 2)]!,
    };
    const spec = weightedSpec(rand, [randomInt(rand, 1, 2), randomInt(rand, 3, 10), randomInt(rand, 3, 10), c],
      [1, randomInt(rand, 1, 3), randomInt(rand, 1, 3), c], c, 3, options, rand() < 0.8);
    assertSame(DEPTHWISE_CONV_2D_INT8_WASM_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, spec, `case ${i}`);
  }
});

test('wasm int8 fully connected with odd depth and partial panels is bit-exact with the reference', () => {
  const rand = seededRandom(14);
  for (let i = 0; i < 30; i++) {
    const depth = randomInt(rand, 1, 61);
    const units = randomInt(rand, 1, 29);
    const options: BuiltinOptions = {
      kind: 'FullyConnectedOptions', fusedActivation: ACTS[randomInt(rand, 0, 2)]!, weightsFormat: 'DEFAULT',
      keepNumDims: false, asymmetricQuantizeInputs: false,
    };
    const spec = weightedSpec(rand, [randomInt(rand, 1, 6), depth], [units, depth], units, 0, options, rand() < 0.8, rand() < 0.5);
    assertSame(FULLY_CONNECTED_INT8_WASM_KERNEL, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL, spec, `case ${i}`);
  }
});

test('weights with non-zero zero points (outside TFLite\'s int8 spec) still match the reference on every wasm int8 kernel', () => {
  const rand = seededRandom(15);
  const conv: BuiltinOptions = { kind: 'Conv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, fusedActivation: 'NONE' };
  assertSame(CONV_2D_INT8_WASM_KERNEL, CONV_2D_QUANTIZED_XNNPACK_KERNEL, weightedSpec(rand, [1, 6, 5, 3], [7, 3, 3, 3], 7, 0, conv, true, false, 4), 'conv');
  const dw: BuiltinOptions = { kind: 'DepthwiseConv2DOptions', padding: 'VALID', strideH: 1, strideW: 1, depthMultiplier: 1, dilationH: 1, dilationW: 1, fusedActivation: 'RELU' };
  assertSame(DEPTHWISE_CONV_2D_INT8_WASM_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, weightedSpec(rand, [1, 5, 5, 6], [1, 3, 3, 6], 6, 3, dw, true, false, -2), 'depthwise');
  const fc: BuiltinOptions = { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false };
  assertSame(FULLY_CONNECTED_INT8_WASM_KERNEL, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL, weightedSpec(rand, [2, 13], [5, 13], 5, 0, fc, true, false, 1), 'fully connected');
});

test('wasm int8 depthwise with a depth multiplier above 1 is bit-exact with the reference', () => {
  const rand = seededRandom(16);
  for (let i = 0; i < 25; i++) {
    const c = i % 2 === 0 ? 1 : randomInt(rand, 2, 6);
    const multiplier = randomInt(rand, 2, 9);
    const options: BuiltinOptions = {
      kind: 'DepthwiseConv2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 2),
      strideW: randomInt(rand, 1, 2), dilationH: 1, dilationW: randomInt(rand, 1, 2), depthMultiplier: multiplier,
      fusedActivation: ACTS[randomInt(rand, 0, 2)]!,
    };
    const spec = weightedSpec(rand, [randomInt(rand, 1, 2), randomInt(rand, 3, 12), randomInt(rand, 3, 10), c],
      [1, randomInt(rand, 1, 5), randomInt(rand, 1, 4), c * multiplier], c * multiplier, 3, options, true);
    assertSame(DEPTHWISE_CONV_2D_INT8_WASM_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, spec, `case ${i}`);
  }
});
