/** Tests for the element-wise binary kernels (ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import type { BuiltinOptions, FusedActivation } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { ADD_KERNEL } from './add.js';
import { DIV_KERNEL } from './div.js';
import { MAXIMUM_KERNEL } from './maximum.js';
import { MINIMUM_KERNEL } from './minimum.js';
import { MUL_KERNEL } from './mul.js';
import { SQUARED_DIFFERENCE_KERNEL } from './squared_difference.js';
import { SUB_KERNEL } from './sub.js';

type Operand = { shape: number[]; data: ArrayLike<number> };

function run<O, D>(reg: KernelRegistration<O, D>, a: Operand, b: Operand, options: BuiltinOptions | null = null, dtype: 'float32' | 'int32' = 'float32') {
  const [out] = runKernel(reg, {
    inputs: [
      { dtype, shape: a.shape, data: Array.from(a.data) },
      { dtype, shape: b.shape, data: Array.from(b.data) },
    ],
    outputs: [{ dtype }],
    options,
  });
  return { shape: out!.shape, data: [...(out!.data as Float32Array | Int32Array)] };
}

const addOpts = (fusedActivation: FusedActivation): BuiltinOptions => ({ kind: 'AddOptions', fusedActivation, potScaleInt16: true });

test('add of same-shape tensors, and with stored options absent', () => {
  const out = run(ADD_KERNEL, { shape: [2, 2], data: [1, 2, 3, 4] }, { shape: [2, 2], data: [10, 20, 30, 40] });
  assert.deepEqual(out, { shape: [2, 2], data: [11, 22, 33, 44] });
});

test('add broadcasts a row against a column', () => {
  const out = run(ADD_KERNEL, { shape: [3, 1], data: [0, 10, 20] }, { shape: [1, 4], data: [1, 2, 3, 4] }, addOpts('NONE'));
  assert.deepEqual(out.shape, [3, 4]);
  assert.deepEqual(out.data, [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24]);
});

test('sub with a scalar on either side', () => {
  assert.deepEqual(run(SUB_KERNEL, { shape: [3], data: [5, 6, 7] }, { shape: [], data: [1] }).data, [4, 5, 6]);
  const left = run(SUB_KERNEL, { shape: [], data: [1] }, { shape: [1, 3], data: [5, 6, 7] });
  assert.deepEqual(left, { shape: [1, 3], data: [-4, -5, -6] });
});

test('mul and div with fused activations', () => {
  const mul = run(MUL_KERNEL, { shape: [4], data: [-2, 1, 3, 4] }, { shape: [1], data: [2] }, { kind: 'MulOptions', fusedActivation: 'RELU6', potScaleInt16: true });
  assert.deepEqual(mul.data, [0, 2, 6, 6]);
  const div = run(DIV_KERNEL, { shape: [3], data: [1, -4, 0] }, { shape: [3], data: [4, 2, 0] }, { kind: 'DivOptions', fusedActivation: 'RELU_N1_TO_1', potScaleInt16: true });
  assert.deepEqual(div.data.slice(0, 2), [0.25, -1]);
  assert.ok(Number.isNaN(div.data[2]));
});

test('maximum, minimum and squared difference broadcast', () => {
  const a = { shape: [2, 2], data: [1, 5, -3, 0] };
  const b = { shape: [2], data: [2, 2] };
  assert.deepEqual(run(MAXIMUM_KERNEL, a, b).data, [2, 5, 2, 2]);
  assert.deepEqual(run(MINIMUM_KERNEL, a, b).data, [1, 2, -3, 0]);
  assert.deepEqual(run(SQUARED_DIFFERENCE_KERNEL, a, b).data, [1, 9, 25, 4]);
});

test('int32 add, sub, mul, maximum and minimum use integer math', () => {
  const a = { shape: [3], data: [7, -7, 2147483647] };
  const b = { shape: [3], data: [2, 2, 1] };
  assert.deepEqual(run(ADD_KERNEL, a, b, null, 'int32').data, [9, -5, -2147483648]);
  assert.deepEqual(run(SUB_KERNEL, a, b, null, 'int32').data, [5, -9, 2147483646]);
  assert.deepEqual(run(MUL_KERNEL, { shape: [2], data: [65536, -3] }, { shape: [2], data: [65536, 4] }, null, 'int32').data, [0, -12]);
  assert.deepEqual(run(MAXIMUM_KERNEL, a, b, null, 'int32').data, [7, 2, 2147483647]);
  assert.deepEqual(run(MINIMUM_KERNEL, { shape: [1, 3], data: [4, 1, 9] }, { shape: [], data: [3] }, null, 'int32').data, [3, 1, 3]);
});

test('int32 div truncates toward zero', () => {
  assert.deepEqual(run(DIV_KERNEL, { shape: [4], data: [7, -7, 7, -7] }, { shape: [4], data: [2, 2, -2, -2] }, null, 'int32').data, [3, -3, -3, 3]);
});

test('binary ops reject shapes that do not broadcast', () => {
  assert.throws(() => run(ADD_KERNEL, { shape: [2, 3], data: new Array(6).fill(0) }, { shape: [2], data: [0, 0] }), ShapeError);
});

test('binary ops on empty and rank-0 tensors', () => {
  assert.deepEqual(run(ADD_KERNEL, { shape: [0, 3], data: [] }, { shape: [3], data: [1, 2, 3] }), { shape: [0, 3], data: [] });
  assert.deepEqual(run(MUL_KERNEL, { shape: [], data: [3] }, { shape: [], data: [4] }), { shape: [], data: [12] });
});

test('binary ops refuse mixed input dtypes in supports', () => {
  const t = (dtype: 'float32' | 'int32') => ({ index: 0, name: 't', dtype, shape: [1], data: new Float32Array(1), quantization: null, isConstant: false });
  assert.equal(ADD_KERNEL.supports!({ index: 0, opName: 'ADD', version: 1, options: null, inputs: [t('float32'), t('int32')], outputs: [t('float32')] }), false);
});

/** Independent broadcasting: map each output multi-index back to each operand. */
function naiveBroadcast(a: Operand, b: Operand, f: (x: number, y: number) => number): { shape: number[]; data: number[] } {
  const rank = Math.max(a.shape.length, b.shape.length);
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const sa = pad(a.shape);
  const sb = pad(b.shape);
  const shape = sa.map((d, i) => Math.max(d, sb[i]!));
  const total = shape.reduce((x, y) => x * y, 1);
  const data: number[] = [];
  for (let flat = 0; flat < total; flat++) {
    let rem = flat;
    const idx = new Array<number>(rank);
    for (let i = rank - 1; i >= 0; i--) { idx[i] = rem % shape[i]!; rem = Math.floor(rem / shape[i]!); }
    const offset = (s: number[]) => idx.reduce((acc, v, i) => acc * s[i]! + (s[i] === 1 ? 0 : v), 0);
    data.push(f(a.data[offset(sa)]!, b.data[offset(sb)]!));
  }
  return { shape, data };
}

test('binary broadcasting matches an independent reference on random shapes up to rank 6', () => {
  const rand = seededRandom(29);
  const ops = [
    { reg: ADD_KERNEL, f: (x: number, y: number) => x + y },
    { reg: SUB_KERNEL, f: (x: number, y: number) => x - y },
    { reg: MUL_KERNEL, f: (x: number, y: number) => x * y },
    { reg: DIV_KERNEL, f: (x: number, y: number) => x / y },
    { reg: MAXIMUM_KERNEL, f: (x: number, y: number) => Math.max(x, y) },
    { reg: MINIMUM_KERNEL, f: (x: number, y: number) => Math.min(x, y) },
    { reg: SQUARED_DIFFERENCE_KERNEL, f: (x: number, y: number) => (x - y) ** 2 },
  ];
  for (let t = 0; t < 120; t++) {
    const rank = randomInt(rand, 0, 6);
    const full = Array.from({ length: rank }, () => randomInt(rand, 1, 3));
    const derive = () => {
      const keep = randomInt(rand, 0, rank);
      return full.slice(rank - keep).map((d) => (rand() < 0.4 ? 1 : d));
    };
    const sa = derive();
    const sb = derive();
    const a = { shape: sa, data: randomFloats(rand, sa.reduce((x, y) => x * y, 1), 0.5, 2) };
    const b = { shape: sb, data: randomFloats(rand, sb.reduce((x, y) => x * y, 1), 0.5, 2) };
    const { reg, f } = ops[t % ops.length]!;
    const expected = naiveBroadcast(a, b, f);
    const out = run(reg as KernelRegistration<unknown, unknown>, a, b);
    assert.deepEqual(out.shape, expected.shape, `case ${t}: [${sa}] vs [${sb}]`);
    assertClose(out.data, expected.data, `case ${t}: [${sa}] vs [${sb}]`);
  }
});
