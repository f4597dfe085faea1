import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClose, randomFloats, seededRandom } from '@tflite-lambda/testing';
import { conv2dFloat32, type Conv2DGeometry } from '../reference/conv_2d.js';
import { conv2dIm2col, conv2dIm2colGemm, gemm, packConv2D, packGemmWeights } from './api.js';
import { WasmContext } from './context.js';

const ctx = new WasmContext();

function naiveGemm(a: Float32Array, w: Float32Array, bias: Float32Array, m: number, n: number, k: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = bias[j]!;
      for (let t = 0; t < k; t++) s += a[i * k + t]! * w[j * k + t]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

test('gemm computes a · weightsᵀ + bias and honours re-packed weights', () => {
  const rand = seededRandom(9);
  const [m, n, k] = [7, 11, 13];
  const a = randomFloats(rand, m * k);
  const w = randomFloats(rand, n * k);
  const bias = randomFloats(rand, n);
  const packed = packGemmWeights(ctx, w, n, k, bias);
  const out = new Float32Array(m * n);
  gemm(ctx, a, m, packed, out);
  assertClose(out, naiveGemm(a, w, bias, m, n, k), 'first weights', 1e-5, 1e-5);
  const w2 = randomFloats(rand, n * k);
  assert.equal(packGemmWeights(ctx, w2, n, k, null, packed), packed);
  gemm(ctx, a, m, packed, out, { min: 0, max: Infinity });
  const expected = naiveGemm(a, w2, new Float32Array(n), m, n, k).map((v) => Math.max(0, v));
  assertClose(out, expected, 're-packed weights with RELU', 1e-5, 1e-5);
});

test('conv2dIm2col matches the reference convolution outside the interpreter', () => {
  const rand = seededRandom(10);
  const g: Conv2DGeometry = {
    batches: 2, inH: 9, inW: 8, inC: 3, outH: 5, outW: 4, outC: 10, filterH: 3, filterW: 3, filterC: 3, groups: 1,
    strideH: 2, strideW: 2, dilationH: 1, dilationW: 1, padTop: 1, padLeft: 1, actMin: -Infinity, actMax: Infinity,
  };
  const input = randomFloats(rand, 2 * 9 * 8 * 3);
  const filter = randomFloats(rand, 10 * 3 * 3 * 3);
  const bias = randomFloats(rand, 10);
  const ours = new Float32Array(2 * 5 * 4 * 10);
  conv2dIm2col(ctx, input, packConv2D(ctx, g, filter, bias), ours);
  const ref = new Float32Array(ours.length);
  conv2dFloat32(input, filter, bias, ref, g);
  assertClose(ours, ref, 'conv', 1e-5, 1e-5);
});

test('conv2dIm2colGemm runs a convolution on GEMM weights re-packed in place, and refuses weights of another shape', () => {
  const rand = seededRandom(11);
  const g: Conv2DGeometry = {
    batches: 3, inH: 7, inW: 6, inC: 5, outH: 7, outW: 6, outC: 9, filterH: 3, filterW: 2, filterC: 5, groups: 1,
    strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 1, padLeft: 0, actMin: -Infinity, actMax: Infinity,
  };
  const input = randomFloats(rand, 3 * 7 * 6 * 5);
  const k = 3 * 2 * 5;
  const packed = packGemmWeights(ctx, randomFloats(rand, 9 * k), 9, k);
  for (let step = 0; step < 2; step++) {
    const filter = randomFloats(rand, 9 * k);
    packGemmWeights(ctx, filter, 9, k, null, packed);
    const ours = new Float32Array(3 * 7 * 6 * 9);
    conv2dIm2colGemm(ctx, input, g, packed, ours);
    const ref = new Float32Array(ours.length);
    conv2dFloat32(input, filter, null, ref, g);
    assertClose(ours, ref, `conv after re-pack ${step}`, 1e-5, 1e-5);
  }
  assert.throws(() => conv2dIm2colGemm(ctx, input, g, packGemmWeights(ctx, randomFloats(rand, 8 * k), 8, k), new Float32Array(3 * 7 * 6 * 9)), RangeError);
});
