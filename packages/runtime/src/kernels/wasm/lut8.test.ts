/** The 256-entry table kernels against the TypeScript kernel the resolver would pick: the same bytes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import type { DType } from '../../core/dtype.js';
import type { AnyKernel, KernelRegistration, NodeSignature } from '../kernel.js';
import { HARD_SWISH_QUANTIZED_KERNEL } from '../quantized/hard_swish.js';
import { LEAKY_RELU_QUANTIZED_KERNEL, LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL } from '../quantized/leaky_relu.js';
import { QUANTIZE_KERNEL, QUANTIZE_XNNPACK_KERNEL } from '../quantized/quantize.js';
import { referenceFor } from './int8_params.js';
import { HARD_SWISH_LUT8_KERNEL, LEAKY_RELU_LUT8_KERNEL, QUANTIZE_LUT8_KERNEL } from './lut8.js';

const q = (scale: number, zeroPoint: number) => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });
const range = (dtype: DType): [number, number] => (dtype === 'int8' ? [-128, 127] : [0, 255]);

function spec(rand: () => number, inType: DType, outType: DType, options: RunKernelSpec['options']): RunKernelSpec {
  const shape = [randomInt(rand, 1, 3), randomInt(rand, 1, 40)];
  const [lo, hi] = range(inType);
  const [olo, ohi] = range(outType);
  return {
    inputs: [{ dtype: inType, shape, data: Array.from({ length: shape[0]! * shape[1]! }, () => randomInt(rand, lo, hi)), quantization: q(0.01 + rand() * 0.2, randomInt(rand, lo, hi)) }],
    outputs: [{ dtype: outType, quantization: q(0.01 + rand() * 0.2, randomInt(rand, olo, ohi)) }],
    options,
  };
}

function signatureOf(s: RunKernelSpec): NodeSignature {
  const t = (x: { dtype: DType; quantization?: unknown }, i: number) => ({
    index: i, name: `t${i}`, dtype: x.dtype, shape: [], data: new Uint8Array(0), quantization: (x.quantization ?? null) as never, isConstant: false,
  });
  return { index: 0, opName: 'test', version: 1, inputs: s.inputs.map((x, i) => (x ? t(x, i) : null)), outputs: s.outputs.map((x, i) => t(x, 5 + i)), options: s.options ?? null };
}

function assertSame(lut: KernelRegistration<never, unknown>, xnnpack: AnyKernel, builtin: AnyKernel, s: RunKernelSpec, what: string): void {
  const [a] = runKernel(lut as AnyKernel, s);
  const [b] = runKernel(referenceFor(signatureOf(s), xnnpack, builtin), s);
  assert.deepEqual(Array.from(a!.data as Int8Array), Array.from(b!.data as Int8Array), what);
}

const PAIRS: [DType, DType][] = [['int8', 'int8'], ['uint8', 'uint8']];

test('LEAKY_RELU by table equals the quantized kernel (XNNPACK and TFLite arithmetic)', () => {
  const rand = seededRandom(101);
  for (let i = 0; i < 30; i++) {
    const [a, b] = PAIRS[i % 2]!;
    const s = spec(rand, a, b, { kind: 'LeakyReluOptions', alpha: rand() * 0.5 });
    assertSame(LEAKY_RELU_LUT8_KERNEL as never, LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL as AnyKernel, LEAKY_RELU_QUANTIZED_KERNEL as AnyKernel, s, `case ${i}`);
  }
});

test('HARD_SWISH by table equals the quantized kernel', () => {
  const rand = seededRandom(102);
  for (let i = 0; i < 20; i++) {
    const [a, b] = PAIRS[i % 2]!;
    assertSame(HARD_SWISH_LUT8_KERNEL as never, HARD_SWISH_QUANTIZED_KERNEL as AnyKernel, HARD_SWISH_QUANTIZED_KERNEL as AnyKernel, spec(rand, a, b, null), `case ${i}`);
  }
});

test('QUANTIZE between 8-bit types by table equals the quantized kernel (same and different types, any ratio)', () => {
  const rand = seededRandom(103);
  const pairs: [DType, DType][] = [...PAIRS, ['uint8', 'int8'], ['int8', 'uint8']];
  for (let i = 0; i < 40; i++) {
    const [a, b] = pairs[i % 4]!;
    assertSame(QUANTIZE_LUT8_KERNEL as never, QUANTIZE_XNNPACK_KERNEL as AnyKernel, QUANTIZE_KERNEL as AnyKernel, spec(rand, a, b, null), `case ${i}`);
  }
});
