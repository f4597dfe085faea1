/**
 * The 8-bit wasm kernels on uint8 nodes (TFLite's legacy quantization: asymmetric uint8 weights with a zero
 * point, per-tensor scales) against the TypeScript kernel the resolver would pick for the same node — bit-exact
 * on random shapes, odd channel counts and ragged channel tails, with and without bias.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import type { BuiltinOptions, FusedActivation } from '../../core/options.js';
import { randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import type { AnyKernel, KernelRegistration, NodeSignature } from '../kernel.js';
import { CONV_2D_QUANTIZED_KERNEL, CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/conv_2d.js';
import { DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/depthwise_conv_2d.js';
import { FULLY_CONNECTED_QUANTIZED_KERNEL, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL } from '../quantized/fully_connected.js';
import { CONV_2D_INT8_WASM_KERNEL } from './conv_2d_int8.js';
import { DEPTHWISE_CONV_2D_INT8_WASM_KERNEL } from './depthwise_conv_2d_int8.js';
import { FULLY_CONNECTED_INT8_WASM_KERNEL } from './fully_connected_int8.js';
import { referenceFor } from './int8_params.js';
import { simdSupported } from './module.js';

const q = (scale: number, zeroPoint: number): QuantizationParams => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });
const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];
const n = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

function bytes(rand: () => number, count: number): number[] {
  return Array.from({ length: count }, () => randomInt(rand, 0, 255));
}

/** A random uint8 node: per-tensor scales and zero points everywhere, an int32 bias or none. */
function uint8Spec(rand: () => number, inShape: number[], wShape: number[], channels: number, options: BuiltinOptions, bias: boolean): RunKernelSpec {
  const inScale = 0.005 + rand() * 0.05;
  const wScale = 0.001 + rand() * 0.02;
  return {
    inputs: [
      { dtype: 'uint8', shape: inShape, data: bytes(rand, n(inShape)), quantization: q(inScale, randomInt(rand, 0, 255)) },
      { dtype: 'uint8', shape: wShape, data: bytes(rand, n(wShape)), quantization: q(wScale, randomInt(rand, 90, 170)), constant: true },
      bias ? { dtype: 'int32', shape: [channels], data: Array.from({ length: channels }, () => randomInt(rand, -20000, 20000)), constant: true, quantization: q(inScale * wScale, 0) } : null,
    ],
    outputs: [{ dtype: 'uint8', quantization: q(0.02 + rand() * 0.3, randomInt(rand, 0, 255)) }],
    options,
  };
}

/** The signature the resolver sees for `spec` (enough for the kernels' `supports`). */
function signatureOf(spec: RunKernelSpec): NodeSignature {
  const inputs = spec.inputs.map((t, i) => (t === null ? null : {
    index: i, name: `t${i}`, dtype: t.dtype, shape: [...t.shape], data: new Uint8Array(0), quantization: t.quantization ?? null, isConstant: !!t.constant,
  }));
  const outputs = spec.outputs.map((t, i) => ({ index: 10 + i, name: `out${i}`, dtype: t.dtype, shape: [], data: new Uint8Array(0), quantization: t.quantization ?? null, isConstant: false }));
  return { index: 0, opName: 'test', version: 1, inputs, outputs, options: spec.options ?? null };
}

function assertMatchesResolverChoice(wasm: KernelRegistration<unknown, unknown>, xnnpack: AnyKernel, builtin: AnyKernel, spec: RunKernelSpec, what: string): void {
  const sig = signatureOf(spec);
  assert.ok(wasm.supports!(sig), `${what}: the wasm kernel takes the node`);
  const [a] = runKernel(wasm, spec);
  const [b] = runKernel(referenceFor(sig, xnnpack, builtin), spec);
  assert.deepEqual(a!.shape, b!.shape, what);
  assert.deepEqual(Array.from(a!.data as Uint8Array), Array.from(b!.data as Uint8Array), what);
}

const skip = !simdSupported() && 'no WebAssembly SIMD';

test('wasm uint8 conv2d is bit-exact with the TypeScript kernel on random shapes, strides, dilations and paddings', { skip }, () => {
  const rand = seededRandom(41);
  for (let i = 0; i < 40; i++) {
    const inC = randomInt(rand, 1, 19);
    const outC = randomInt(rand, 1, 21);
    const options: BuiltinOptions = {
      kind: 'Conv2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 2), strideW: randomInt(rand, 1, 3),
      dilationH: randomInt(rand, 1, 2), dilationW: randomInt(rand, 1, 2), fusedActivation: ACTS[randomInt(rand, 0, 3)]!,
    };
    const spec = uint8Spec(rand, [randomInt(rand, 1, 2), randomInt(rand, 3, 11), randomInt(rand, 3, 11), inC],
      [outC, randomInt(rand, 1, 3), randomInt(rand, 1, 3), inC], outC, options, true);
    assertMatchesResolverChoice(CONV_2D_INT8_WASM_KERNEL as KernelRegistration<unknown, unknown>, CONV_2D_QUANTIZED_XNNPACK_KERNEL as AnyKernel,
      CONV_2D_QUANTIZED_KERNEL as AnyKernel, spec, `case ${i}`);
  }
});

test('wasm uint8 depthwise is bit-exact with the TypeScript kernel on random shapes, with and without bias', { skip }, () => {
  const rand = seededRandom(42);
  for (let i = 0; i < 40; i++) {
    const c = randomInt(rand, 1, 27);
    const options: BuiltinOptions = {
      kind: 'DepthwiseConv2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 2),
      strideW: randomInt(rand, 1, 2), dilationH: randomInt(rand, 1, 2), dilationW: randomInt(rand, 1, 2), depthMultiplier: 1,
      fusedActivation: ACTS[randomInt(rand, 0, 3)]!,
    };
    const spec = uint8Spec(rand, [randomInt(rand, 1, 2), randomInt(rand, 3, 10), randomInt(rand, 3, 10), c],
      [1, randomInt(rand, 1, 5), randomInt(rand, 1, 5), c], c, options, i % 3 !== 0);
    assertMatchesResolverChoice(DEPTHWISE_CONV_2D_INT8_WASM_KERNEL as KernelRegistration<unknown, unknown>,
      DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL as AnyKernel, DEPTHWISE_CONV_2D_QUANTIZED_KERNEL as AnyKernel, spec, `case ${i}`);
  }
});

test('wasm uint8 fully connected with odd depth and partial panels is bit-exact with the TypeScript kernel', { skip }, () => {
  const rand = seededRandom(43);
  for (let i = 0; i < 30; i++) {
    const depth = randomInt(rand, 1, 61);
    const units = randomInt(rand, 1, 29);
    const options: BuiltinOptions = {
      kind: 'FullyConnectedOptions', fusedActivation: ACTS[randomInt(rand, 0, 3)]!, weightsFormat: 'DEFAULT',
      keepNumDims: false, asymmetricQuantizeInputs: false,
    };
    const spec = uint8Spec(rand, [randomInt(rand, 1, 6), depth], [units, depth], units, options, i % 4 !== 0);
    assertMatchesResolverChoice(FULLY_CONNECTED_INT8_WASM_KERNEL as KernelRegistration<unknown, unknown>,
      FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL as AnyKernel, FULLY_CONNECTED_QUANTIZED_KERNEL as AnyKernel, spec, `case ${i}`);
  }
});
