/** Tests for the float32 element-wise unary kernels (one registration file each). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuiltinOptions } from '../../core/options.js';
import { assertClose, runKernel } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { EXP_KERNEL } from './exp.js';
import { HARD_SWISH_KERNEL } from './hard_swish.js';
import { LEAKY_RELU_KERNEL } from './leaky_relu.js';
import { LOG_KERNEL } from './log.js';
import { LOGISTIC_KERNEL } from './logistic.js';
import { RELU_KERNEL } from './relu.js';
import { RELU6_KERNEL } from './relu6.js';
import { RELU_N1_TO_1_KERNEL } from './relu_n1_to_1.js';
import { RSQRT_KERNEL } from './rsqrt.js';
import { SQRT_KERNEL } from './sqrt.js';
import { TANH_KERNEL } from './tanh.js';

function run<O, D>(reg: KernelRegistration<O, D>, values: number[], shape: number[] = [values.length], options: BuiltinOptions | null = null) {
  const [out] = runKernel(reg, { inputs: [{ dtype: 'float32', shape, data: values }], outputs: [{ dtype: 'float32' }], options });
  assert.deepEqual(out!.shape, shape);
  return out!.data as Float32Array;
}

const X = [-7, -3, -1.5, -0.5, 0, 0.5, 1.5, 3, 7];

test('relu, relu6 and relu_n1_to_1 clamp to their ranges', () => {
  assert.deepEqual([...run(RELU_KERNEL, X)], [0, 0, 0, 0, 0, 0.5, 1.5, 3, 7]);
  assert.deepEqual([...run(RELU6_KERNEL, X)], [0, 0, 0, 0, 0, 0.5, 1.5, 3, 6]);
  assert.deepEqual([...run(RELU_N1_TO_1_KERNEL, X)], [-1, -1, -1, -0.5, 0, 0.5, 1, 1, 1]);
});

test('leaky relu scales negatives by alpha, and is a relu without stored options', () => {
  const opts = { kind: 'LeakyReluOptions' as const, alpha: 0.25 };
  assert.deepEqual([...run(LEAKY_RELU_KERNEL, [-4, -1, 0, 2], [4], opts)], [-1, -0.25, 0, 2]);
  // alpha 0 gives −4·0 = −0, as in C; compare values, not signs of zero
  assert.deepEqual([...run(LEAKY_RELU_KERNEL, [-4, 2])].map((v) => v + 0), [0, 2]);
});

test('logistic and tanh match their definitions', () => {
  assertClose(run(LOGISTIC_KERNEL, X), X.map((x) => 1 / (1 + Math.exp(-x))));
  assertClose(run(LOGISTIC_KERNEL, [0]), [0.5]);
  assertClose(run(TANH_KERNEL, X), X.map((x) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1)));
});

test('hard swish is 0 below −3, x above 3, and x(x+3)/6 between', () => {
  assertClose(run(HARD_SWISH_KERNEL, [-4, -3, -1, 0, 1, 3, 4]), [0, 0, -1 / 3, 0, 4 / 6, 3, 4]);
});

test('exp, log, sqrt and rsqrt including their edge values', () => {
  assertClose(run(EXP_KERNEL, [0, 1, -1]), [1, Math.E, 1 / Math.E]);
  assertClose(run(LOG_KERNEL, [1, Math.E, 0, -1]), [0, 1, -Infinity, NaN]);
  assertClose(run(SQRT_KERNEL, [0, 4, 2]), [0, 2, Math.SQRT2]);
  assertClose(run(RSQRT_KERNEL, [4, 0.25, 0]), [0.5, 2, Infinity]);
});

test('unary kernels accept rank-0 and empty tensors', () => {
  assert.deepEqual([...run(RELU_KERNEL, [-2], [])], [0]);
  assertClose(run(EXP_KERNEL, [2], []), [Math.exp(2)]);
  assert.equal(run(TANH_KERNEL, [], [3, 0]).length, 0);
});

test('unary kernels keep the input shape', () => {
  assert.equal(run(SQRT_KERNEL, [1, 4, 9, 16, 25, 36], [2, 1, 3]).length, 6);
});

test('unary kernels do not claim non-float inputs', () => {
  const node = {
    index: 0, opName: 'RELU', version: 1, options: null,
    inputs: [{ index: 0, name: 'x', dtype: 'int8' as const, shape: [1], data: new Int8Array(1), quantization: null, isConstant: false }],
    outputs: [{ index: 1, name: 'y', dtype: 'int8' as const, shape: [1], data: new Int8Array(1), quantization: null, isConstant: false }],
  };
  assert.equal(RELU_KERNEL.supports!(node), false);
});
