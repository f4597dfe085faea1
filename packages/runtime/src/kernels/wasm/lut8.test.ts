/** The 256-entry table kernels against the TypeScript kernel the resolver would pick: the same bytes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import type { DType } from '../../core/dtype.js';
import type { AnyKernel, KernelRegistration, NodeSignature } from '../kernel.js';
import { HARD_SWISH_QUANTIZED_KERNEL } from '../quantized/hard_swish.js';
import { LEAKY_RELU_QUANTIZED_KERNEL, LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL } from '../quantized/leaky_relu.js';
import { QUANTIZE_KERNEL, QUANTIZE_XNNPACK_KERNEL } from '../quantized/quantize.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { builtinOpResolver } from '../builtin.js';
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

test('table kernels inside an interpreter (tensors in wasm memory) give the TypeScript kernels\' bytes', () => {
  const rand = seededRandom(104);
  for (const [op, options, inType, outType] of [
    [BuiltinOp.LEAKY_RELU, { kind: 'LeakyReluOptions', alpha: 0.1 }, 'int8', 'int8'],
    [BuiltinOp.LEAKY_RELU, { kind: 'LeakyReluOptions', alpha: 0.3 }, 'uint8', 'uint8'],
    [BuiltinOp.QUANTIZE, undefined, 'uint8', 'int8'],
  ] as const) {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: inType, shape: [3, 37], quantization: q(0.05, inType === 'int8' ? -3 : 120) });
    const y = m.addOutput({ dtype: outType, shape: [3, 37], quantization: q(0.04, outType === 'int8' ? 5 : 100) });
    m.addOperator({ opcode: op, inputs: [x], outputs: [y], options });
    const bytes = m.build();
    const data = inType === 'int8' ? Int8Array.from({ length: 111 }, () => randomInt(rand, -128, 127)) : Uint8Array.from({ length: 111 }, () => randomInt(rand, 0, 255));
    const fast = Interpreter.loadSync(bytes);
    assert.ok(fast.kernelNames[0]!.includes('table'), fast.kernelNames[0]);
    const [got] = fast.run([data]);
    const [want] = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) }).run([data]);
    assert.deepEqual(Array.from(got as Int8Array), Array.from(want as Int8Array), `${op} ${inType} → ${outType}`);
  }
});

test('QUANTIZE float32 → int8 in wasm (ragged length, in an interpreter) equals the XNNPACK-arithmetic kernel', () => {
  const rand = seededRandom(105);
  for (const n of [37, 64]) {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [n] });
    const y = m.addOutput({ dtype: 'int8', shape: [n], quantization: q(0.03, -7) });
    m.addOperator({ opcode: BuiltinOp.QUANTIZE, inputs: [x], outputs: [y] });
    const bytes = m.build();
    const data = Float32Array.from({ length: n }, (_, i) => (i % 9 === 0 ? 0.015 * randomInt(rand, -300, 300) : (rand() - 0.5) * 10));
    const fast = Interpreter.loadSync(bytes);
    assert.ok(fast.kernelNames[0]!.includes('wasm'), fast.kernelNames[0]);
    const [got] = fast.run([data]);
    const [want] = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) }).run([data]);
    assert.deepEqual(Array.from(got as Int8Array), Array.from(want as Int8Array), `n ${n}`);
  }
});

test('8-bit CONCATENATION in wasm (copies and per-input requantizing tables) equals the quantized kernel', () => {
  const rand = seededRandom(106);
  for (const [dtype, axis] of [['int8', 3], ['uint8', 1], ['int8', 0], ['uint8', 2]] as const) {
    const m = new ModelBuilder();
    const [lo, hi] = range(dtype);
    const outQ = q(0.05, dtype === 'int8' ? -4 : 128);
    const shapes = [[2, 3, 4, 5], [2, 3, 4, 5], [2, 3, 4, 5]].map((s, i) => s.map((d, k) => (k === axis ? d + i : d)));
    const quants = [outQ, q(0.031, dtype === 'int8' ? 9 : 100), q(0.11, dtype === 'int8' ? -20 : 140)];
    const inputs = shapes.map((shape, i) => m.addInput({ dtype, shape, quantization: quants[i]! }));
    const outShape = shapes[0]!.map((d, k) => (k === axis ? shapes.reduce((a, s) => a + s[k]!, 0) : d));
    const y = m.addOutput({ dtype, shape: outShape, quantization: outQ });
    m.addOperator({ opcode: BuiltinOp.CONCATENATION, inputs, outputs: [y], options: { kind: 'ConcatenationOptions', axis, fusedActivation: 'NONE' } });
    const bytes = m.build();
    const data = shapes.map((s) => {
      const n = s.reduce((a, b) => a * b, 1);
      return dtype === 'int8' ? Int8Array.from({ length: n }, () => randomInt(rand, lo, hi)) : Uint8Array.from({ length: n }, () => randomInt(rand, lo, hi));
    });
    const fast = Interpreter.loadSync(bytes);
    assert.ok(fast.kernelNames[0]!.includes('wasm'), fast.kernelNames[0]);
    const [got] = fast.run(data);
    const [want] = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) }).run(data);
    assert.deepEqual(Array.from(got as Int8Array), Array.from(want as Int8Array), `${dtype} axis ${axis}`);
  }
});
