/**
 * The float32 element-wise wasm kernels against their reference kernels, value for value (Object.is: NaN,
 * −0 and infinities included), on random broadcast shapes with ragged 4-lane tails.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuiltinOptions, FusedActivation } from '../../core/options.js';
import { randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { ADD_KERNEL } from '../reference/add.js';
import { MUL_KERNEL } from '../reference/mul.js';
import { PRELU_KERNEL } from '../reference/prelu.js';
import { RELU_KERNEL } from '../reference/relu.js';
import { RELU6_KERNEL } from '../reference/relu6.js';
import { RELU_N1_TO_1_KERNEL } from '../reference/relu_n1_to_1.js';
import { SQUARED_DIFFERENCE_KERNEL } from '../reference/squared_difference.js';
import { SUB_KERNEL } from '../reference/sub.js';
import {
  ADD_F32_WASM_KERNEL, MUL_F32_WASM_KERNEL, PRELU_F32_WASM_KERNEL, SQUARED_DIFFERENCE_F32_WASM_KERNEL, SUB_F32_WASM_KERNEL,
} from './binary_f32.js';
import { simdSupported } from './module.js';
import { RELU6_WASM_KERNEL, RELU_N1_TO_1_WASM_KERNEL, RELU_WASM_KERNEL } from './unary_f32.js';

const skip = !simdSupported() && 'no WebAssembly SIMD';
const SPECIAL = [NaN, -0, 0, Infinity, -Infinity, 6, -1, 1, 6.000001];

function values(rand: () => number, n: number): number[] {
  return Array.from({ length: n }, () => (rand() < 0.1 ? SPECIAL[randomInt(rand, 0, SPECIAL.length - 1)]! : (rand() - 0.5) * 16));
}

/**
 * `relative` 0: the same float32 value (one IEEE operation each side). SQUARED_DIFFERENCE's reference squares
 * in double, TFLite and the wasm kernel in float32: those agree to a float32 rounding.
 */
function assertSameValues(ours: KernelRegistration<unknown, unknown>, ref: KernelRegistration<unknown, unknown>, spec: RunKernelSpec, what: string, relative = 0): void {
  const [a] = runKernel(ours, spec);
  const [b] = runKernel(ref, spec);
  assert.deepEqual(a!.shape, b!.shape, what);
  const x = a!.data as Float32Array;
  const y = b!.data as Float32Array;
  for (let i = 0; i < y.length; i++) {
    const close = relative > 0 && Number.isFinite(y[i]!) && Math.abs(x[i]! - y[i]!) <= relative * Math.abs(y[i]!);
    assert.ok(Object.is(x[i], y[i]) || close, `${what}: element ${i} is ${x[i]}, reference ${y[i]}`);
  }
}

/** A random output shape and an operand shape broadcasting into it (dims dropped from the left or set to 1). */
function broadcastPair(rand: () => number): [number[], number[]] {
  const rank = randomInt(rand, 1, 4);
  const full = Array.from({ length: rank }, () => randomInt(rand, 1, 9));
  const other = full.map((d) => (rand() < 0.4 ? 1 : d)).slice(randomInt(rand, 0, rank - 1));
  return rand() < 0.5 ? [full, other] : [other, full];
}

const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];
const BINARY: [string, KernelRegistration<unknown, unknown>, KernelRegistration<unknown, unknown>, BuiltinOptions['kind'] | null][] = [
  ['ADD', ADD_F32_WASM_KERNEL as never, ADD_KERNEL as never, 'AddOptions'],
  ['SUB', SUB_F32_WASM_KERNEL as never, SUB_KERNEL as never, 'SubOptions'],
  ['MUL', MUL_F32_WASM_KERNEL as never, MUL_KERNEL as never, 'MulOptions'],
  ['SQUARED_DIFFERENCE', SQUARED_DIFFERENCE_F32_WASM_KERNEL as never, SQUARED_DIFFERENCE_KERNEL as never, null],
];

for (const [name, ours, ref, kind] of BINARY) {
  test(`wasm float32 ${name} equals the reference on random broadcast shapes, NaN and infinities included`, { skip }, () => {
    const rand = seededRandom(name.length * 97);
    for (let i = 0; i < 60; i++) {
      const [sa, sb] = broadcastPair(rand);
      const n = (s: number[]) => s.reduce((p, q) => p * q, 1);
      const constant = rand() < 0.3;
      const options = kind ? { kind, fusedActivation: ACTS[i % 4]!, potScaleInt16: true } as BuiltinOptions : null;
      const spec: RunKernelSpec = {
        inputs: [
          { dtype: 'float32', shape: sa, data: values(rand, n(sa)) },
          { dtype: 'float32', shape: sb, data: values(rand, n(sb)), constant },
        ],
        outputs: [{ dtype: 'float32' }],
        options,
      };
      assertSameValues(ours, ref, spec, `${name} case ${i} [${sa}] · [${sb}]`, name === 'SQUARED_DIFFERENCE' ? 2 ** -21 : 0);
    }
  });
}

test('wasm float32 PRELU with per-channel and full-shape slopes equals the reference', { skip }, () => {
  const rand = seededRandom(61);
  for (let i = 0; i < 40; i++) {
    const shape = [1, randomInt(rand, 1, 9), randomInt(rand, 1, 9), randomInt(rand, 1, 13)];
    const alphaShape = i % 3 === 0 ? shape.slice(1) : i % 3 === 1 ? [1, 1, shape[3]!] : [shape[3]!];
    const spec: RunKernelSpec = {
      inputs: [
        { dtype: 'float32', shape, data: values(rand, shape.reduce((p, q) => p * q, 1)) },
        { dtype: 'float32', shape: alphaShape, data: values(rand, alphaShape.reduce((p, q) => p * q, 1)), constant: true },
      ],
      outputs: [{ dtype: 'float32' }],
    };
    assertSameValues(PRELU_F32_WASM_KERNEL as never, PRELU_KERNEL as never, spec, `case ${i}`);
  }
});

test('wasm RELU, RELU6 and RELU_N1_TO_1 equal the reference (NaN, −0, bounds)', { skip }, () => {
  const rand = seededRandom(62);
  const pairs = [[RELU_WASM_KERNEL, RELU_KERNEL], [RELU6_WASM_KERNEL, RELU6_KERNEL], [RELU_N1_TO_1_WASM_KERNEL, RELU_N1_TO_1_KERNEL]] as const;
  for (const [ours, ref] of pairs) {
    for (let i = 0; i < 10; i++) {
      const shape = [randomInt(rand, 1, 3), randomInt(rand, 1, 17)];
      const spec: RunKernelSpec = { inputs: [{ dtype: 'float32', shape, data: values(rand, shape[0]! * shape[1]!) }], outputs: [{ dtype: 'float32' }] };
      assertSameValues(ours as never, ref as never, spec, `${ref.name} case ${i}`);
    }
  }
});
