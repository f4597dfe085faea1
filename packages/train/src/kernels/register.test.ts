import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { add, conv2d, fused, grads, matMul, maxPool, mul, randomNormal, relu, scalar, setBackend, step, sub, sum, tensor1d, tensor4d, type Tensor, type Tensor4D, type Tensor2D } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers TF.js's gradient functions
import { fastKernelNames, registerFastKernels, unregisterFastKernels } from './register.js';

await setBackend('cpu');
after(() => unregisterFastKernels());

/** Runs `f` with the stock kernels and with ours, returning both results' values. */
function both(f: () => Tensor[]): { stock: Float32Array[]; fast: Float32Array[] } {
  unregisterFastKernels();
  const stock = f().map((t) => t.dataSync() as Float32Array);
  registerFastKernels({ threads: true });
  const fast = f().map((t) => t.dataSync() as Float32Array);
  return { stock, fast };
}

function assertClose(a: Float32Array[], b: Float32Array[], what: string): void {
  assert.equal(a.length, b.length);
  a.forEach((x, k) => {
    assert.equal(x.length, b[k].length, `${what}: output ${k} length`);
    x.forEach((v, i) => { assert.ok(Math.abs(v - b[k][i]) <= 1e-4 * (1 + Math.abs(v)), `${what}: output ${k}[${i}] ${v} vs ${b[k][i]}`); });
  });
}

test('the fast kernel set covers convolution, matmul, max-pool, leading-axis sums and the hot elementwise ops', () => {
  assert.deepEqual(fastKernelNames().sort(), ['BatchMatMul', 'Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'FusedConv2D', 'MaxPool', 'MaxPoolGrad', 'Sum', 'Add', 'Sub', 'Multiply', 'Relu', 'Step', '_FusedMatMul'].sort());
});

const CONVS: { x: [number, number, number, number]; w: [number, number, number, number]; stride: number; pad: 'same' | 'valid'; dilation: number }[] = [
  { x: [2, 9, 8, 3], w: [3, 3, 3, 5], stride: 1, pad: 'valid', dilation: 1 },
  { x: [3, 11, 11, 4], w: [3, 3, 4, 7], stride: 2, pad: 'same', dilation: 1 },
  { x: [1, 10, 9, 2], w: [2, 3, 2, 3], stride: 1, pad: 'same', dilation: 2 },
  { x: [4, 6, 6, 5], w: [1, 1, 5, 6], stride: 1, pad: 'valid', dilation: 1 },
];

test('Conv2D and its two gradients match the stock cpu kernels on random shapes', () => {
  for (const c of CONVS) {
    const x = randomNormal(c.x, 0, 1, 'float32', 1) as Tensor4D;
    const w = randomNormal(c.w, 0, 1, 'float32', 2) as Tensor4D;
    const r = both(() => {
      const y = conv2d(x, w, c.stride, c.pad, 'NHWC', c.dilation);
      // Gradients only exist without dilation in TF.js.
      const g = c.dilation === 1 ? grads((a: Tensor, b: Tensor) => sum(conv2d(a as Tensor4D, b as Tensor4D, c.stride, c.pad)))([x, w]) : [];
      return [y, ...g];
    });
    assertClose(r.stock, r.fast, JSON.stringify(c));
  }
});

test('FusedConv2D with bias and relu matches the stock kernel', () => {
  const x = randomNormal([2, 8, 8, 3], 0, 1, 'float32', 3) as Tensor4D;
  const w = randomNormal([3, 3, 3, 4], 0, 1, 'float32', 4) as Tensor4D;
  const bias = randomNormal([4], 0, 1, 'float32', 5);
  const r = both(() => [fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias, activation: 'relu' })]);
  assertClose(r.stock, r.fast, 'fused conv');
});

test('MatMul (all transpose combinations), fused MatMul and their gradients match the stock kernels', () => {
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    const a = randomNormal(ta ? [13, 7] : [7, 13], 0, 1, 'float32', 6) as Tensor2D;
    const b = randomNormal(tb ? [5, 13] : [13, 5], 0, 1, 'float32', 7) as Tensor2D;
    const r = both(() => [matMul(a, b, ta, tb), ...grads((p: Tensor, q: Tensor) => sum(matMul(p as Tensor2D, q as Tensor2D, ta, tb)))([a, b])]);
    assertClose(r.stock, r.fast, `matMul ta=${ta} tb=${tb}`);
  }
  const a = randomNormal([6, 9], 0, 1, 'float32', 8) as Tensor2D;
  const b = randomNormal([9, 4], 0, 1, 'float32', 9) as Tensor2D;
  const bias = randomNormal([4], 0, 1, 'float32', 10);
  const r = both(() => [fused.matMul({ a, b, bias, activation: 'relu' })]);
  assertClose(r.stock, r.fast, 'fused matMul');
});

test('MaxPool and its gradient match the stock kernels (valid and same, stride 1 and 2)', () => {
  // [2,8,6,5] with 2×2/2 valid tiles exactly (the straight-line path); [2,7,6,3] leaves a row over.
  for (const [size, stride, pad, shape] of [[2, 2, 'valid', [2, 8, 6, 5]], [2, 2, 'valid', [2, 7, 6, 3]], [3, 1, 'same', [2, 7, 6, 3]], [3, 2, 'same', [2, 7, 6, 3]]] as const) {
    const x = randomNormal([...shape], 0, 1, 'float32', 11) as Tensor4D;
    const r = both(() => [maxPool(x, size, stride, pad), ...grads((a: Tensor) => sum(maxPool(a as Tensor4D, size, stride, pad)))([x])]);
    assertClose(r.stock, r.fast, `maxPool ${size}/${stride}/${pad} on [${shape.join(',')}]`);
  }
});

test('Sum over leading axes (bias gradients) matches the stock kernel; other reductions fall back to it', () => {
  const x = randomNormal([3, 4, 5, 6], 0, 1, 'float32', 12);
  for (const [axis, keepDims] of [[[0, 1, 2], false], [[0], true], [[1, 0], false], [-4, false], [[1, 2], false], [[3], true], [[0, 1, 2, 3], false]] as const) {
    const r = both(() => [sum(x, axis === -4 ? -4 : [...axis], keepDims)]);
    assertClose(r.stock, r.fast, `sum axis=${JSON.stringify(axis)} keepDims=${keepDims}`);
  }
});

test('Sum over leading axes keeps the reduced axes as 1s only with keepDims', () => {
  registerFastKernels();
  const x = randomNormal([3, 4, 5], 0, 1, 'float32', 13);
  assert.deepEqual(sum(x, [0, 1], true).shape, [1, 1, 5]);
  assert.deepEqual(sum(x, [0, 1], false).shape, [5]);
});

test('Add, Sub and Multiply match the stock kernels for equal shapes, scalars, biases and general broadcasts', () => {
  const a = randomNormal([2, 3, 4, 5], 0, 1, 'float32', 14);
  const others = [
    randomNormal([2, 3, 4, 5], 0, 1, 'float32', 15), // same shape
    scalar(1.5), // scalar right
    randomNormal([5], 0, 1, 'float32', 16), // bias
    randomNormal([1, 1, 4, 5], 0, 1, 'float32', 17), // trailing with leading 1s
    randomNormal([2, 1, 4, 1], 0, 1, 'float32', 18), // general broadcast: stock
    randomNormal([3, 2, 3, 4, 5], 0, 1, 'float32', 19), // b of higher rank: stock
  ];
  for (const [i, b] of others.entries()) {
    for (const [name, f] of [['add', add], ['sub', sub], ['mul', mul]] as const) {
      const r = both(() => [f(a, b), f(b, a), f(scalar(2), a)]);
      assertClose(r.stock, r.fast, `${name} with operand ${i}`);
    }
  }
});

test('Relu and Step match the stock kernels, NaN included', () => {
  const x = tensor1d([-2, -0, 0, 0.5, 3, NaN, -Infinity, Infinity]);
  const r = both(() => [relu(x), step(x), step(x, 0.25)]);
  r.stock.forEach((s, k) => { s.forEach((v, i) => { assert.ok(Object.is(v, r.fast[k][i]) || v === r.fast[k][i], `output ${k}[${i}] ${v} vs ${r.fast[k][i]}`); }); });
  const rr = both(() => [relu(randomNormal([4, 7, 3], 0, 1, 'float32', 20))]);
  assertClose(rr.stock, rr.fast, 'relu random');
});

test("Relu's gradient runs as one kernel and matches the stock dy·step(x), NaN and signed zeros included", () => {
  const x = tensor1d([-2, -0, 0, 0.5, 3, NaN, -Infinity, Infinity]);
  const dy = tensor1d([1, -1, -2, 4, -5, 6, -7, 8]);
  const grad = (): Tensor[] => [grads((a: Tensor) => mul(relu(a), dy))([x])[0]];
  const r = both(grad);
  r.stock[0].forEach((v, i) => { assert.ok(Object.is(v, r.fast[0][i]), `[${i}] ${v} vs ${r.fast[0][i]}`); });
  const big = randomNormal([3, 5, 4, 6], 0, 1, 'float32', 21);
  const rr = both(() => grads((a: Tensor) => sum(mul(relu(a), big)))([big]));
  assertClose(rr.stock, rr.fast, 'relu gradient random');
  unregisterFastKernels();
  assert.equal(grads((a: Tensor) => sum(relu(a)))([x])[0].size, 8, 'the stock gradient is back after unregistering');
});

test('MaxPool routes the gradient of tied windows to the first maximal tap, like the stock kernel', () => {
  const x = tensor4d([1, 1, 0, 1, 2, 2, 2, 2, 5, 3, 5, 3, 0, 0, 0, 0], [1, 4, 4, 1]);
  const r = both(() => [maxPool(x, 2, 2, 'valid'), ...grads((a: Tensor) => sum(maxPool(a as Tensor4D, 2, 2, 'valid')))([x])]);
  assertClose(r.stock, r.fast, 'ties');
});

test('Sum over leading axes of a large activation (split between the two threads) matches the stock kernel', () => {
  const x = randomNormal([16, 24, 24, 64], 0, 1, 'float32', 22);
  // relu's output is ours, so in shared memory: the sum of its 590 k values takes the two-thread path.
  const r = both(() => [sum(relu(x), [0, 1, 2]), sum(relu(x), [0, 1, 2], true)]);
  assertClose(r.stock, r.fast, 'sum of relu(x) over batch, height, width');
});
