import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import type { Conv2DOptions, FusedActivation, Padding } from '../../core/options.js';
import {
  clampTo,
  qp,
  qpc,
  randomInt,
  refMultiply,
  refQuantize,
  rint,
  runKernel,
  seededRandom,
} from '@tflite-lambda/testing';
import { CONV_2D_QUANTIZED_KERNEL, CONV_2D_QUANTIZED_XNNPACK_KERNEL } from './conv_2d.js';

interface QConvCase {
  dtype: 'int8' | 'uint8' | 'int16';
  inShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  input: number[];
  filter: number[];
  bias: number[] | null;
  inQ: QuantizationParams;
  filterQ: QuantizationParams;
  outQ: QuantizationParams;
  padding: Padding;
  stride: number;
  dilation: number;
  act?: FusedActivation;
}

function options(c: QConvCase): Conv2DOptions {
  return {
    kind: 'Conv2DOptions', padding: c.padding, strideH: c.stride, strideW: c.stride, dilationH: c.dilation,
    dilationW: c.dilation, fusedActivation: c.act ?? 'NONE',
  };
}

function run(kernel: typeof CONV_2D_QUANTIZED_KERNEL, c: QConvCase): { shape: number[]; data: number[] } {
  const filterDType: DType = c.dtype === 'uint8' ? 'uint8' : 'int8';
  const biasDType: DType = c.dtype === 'int16' ? 'int64' : 'int32';
  const [out] = runKernel(kernel, {
    inputs: [
      { dtype: c.dtype, shape: c.inShape, data: c.input, quantization: c.inQ },
      { dtype: filterDType, shape: c.filterShape, data: c.filter, quantization: c.filterQ, constant: true },
      c.bias ? { dtype: biasDType, shape: [c.bias.length], data: c.bias, constant: true } : null,
    ],
    outputs: [{ dtype: c.dtype, quantization: c.outQ }],
    options: options(c),
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int8Array) };
}

/** Output extent and leading padding from TensorFlow's definition of SAME/VALID. */
function axis(size: number, f: number, s: number, d: number, p: Padding): { out: number; pad: number } {
  const eff = (f - 1) * d + 1;
  const out = p === 'SAME' ? Math.ceil(size / s) : Math.ceil((size - eff + 1) / s);
  return { out, pad: p === 'SAME' ? Math.max(0, Math.floor(((out - 1) * s + eff - size) / 2)) : 0 };
}

/** Naive accumulators: every tap tests its own bounds; padding contributes nothing. */
function naiveAccumulators(c: QConvCase): { shape: number[]; acc: number[] } {
  const [n, h, w, cin] = c.inShape;
  const [cout, fh, fw, fc] = c.filterShape;
  const ay = axis(h, fh, c.stride, c.dilation, c.padding);
  const ax = axis(w, fw, c.stride, c.dilation, c.padding);
  const zpIn = c.inQ.zeroPoint[0]!;
  const zpW = c.filterQ.zeroPoint[0]!;
  const groupSize = cout / (cin / fc);
  const acc: number[] = [];
  for (let b = 0; b < n; b++) for (let y = 0; y < ay.out; y++) for (let x = 0; x < ax.out; x++) {
    for (let o = 0; o < cout; o++) {
      let sum = c.bias ? c.bias[o]! : 0;
      for (let ky = 0; ky < fh; ky++) for (let kx = 0; kx < fw; kx++) for (let k = 0; k < fc; k++) {
        const iy = y * c.stride - ay.pad + ky * c.dilation;
        const ix = x * c.stride - ax.pad + kx * c.dilation;
        if (iy < 0 || ix < 0 || iy >= h || ix >= w) continue;
        const ic = Math.floor(o / groupSize) * fc + k;
        sum += (c.filter[((o * fh + ky) * fw + kx) * fc + k]! - zpW) * (c.input[((b * h + iy) * w + ix) * cin + ic]! - zpIn);
      }
      acc.push(sum);
    }
  }
  return { shape: [n, ay.out, ax.out, cout], acc };
}

const RANGE = { int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767] } as const;

/** TFLite's reference requantization of each accumulator (int8/uint8; the 16x8 path uses int64 below). */
function referenceOutputs(c: QConvCase, acc: number[], legacyFloat = false): number[] {
  const cout = c.filterShape[0];
  const [lo, hi] = RANGE[c.dtype];
  return acc.map((a, i) => {
    const o = i % cout;
    const ws = c.filterQ.scale.length > 1 ? c.filterQ.scale[o]! : c.filterQ.scale[0]!;
    const real = legacyFloat ? Math.fround(c.inQ.scale[0]! * ws) / c.outQ.scale[0]! : (c.inQ.scale[0]! * ws) / c.outQ.scale[0]!;
    const { m, s } = refQuantize(real);
    return clampTo(refMultiply(a, m, s) + c.outQ.zeroPoint[0]!, lo, hi);
  });
}

/** XNNPACK: float32 accumulator times the float32 scale, rounded half to even. */
function xnnpackOutputs(c: QConvCase, acc: number[]): number[] {
  const cout = c.filterShape[0];
  const [lo, hi] = RANGE[c.dtype];
  return acc.map((a, i) => {
    const o = i % cout;
    const ws = c.filterQ.scale.length > 1 ? c.filterQ.scale[o]! : c.filterQ.scale[0]!;
    const scale = Math.fround(Math.fround(c.inQ.scale[0]! * ws) / c.outQ.scale[0]!);
    return clampTo(rint(Math.fround(Math.fround(a) * scale)) + c.outQ.zeroPoint[0]!, lo, hi);
  });
}

function randomCase(seed: number, over: Partial<QConvCase> & Pick<QConvCase, 'inShape' | 'filterShape'>): QConvCase {
  const r = seededRandom(seed);
  const dtype = over.dtype ?? 'int8';
  const [lo, hi] = RANGE[dtype];
  const n = over.inShape.reduce((a, b) => a * b, 1);
  const nf = over.filterShape.reduce((a, b) => a * b, 1);
  const cout = over.filterShape[0];
  return {
    dtype,
    input: Array.from({ length: n }, () => randomInt(r, lo, hi)),
    filter: Array.from({ length: nf }, () => (dtype === 'uint8' ? randomInt(r, 0, 255) : randomInt(r, -127, 127))),
    bias: Array.from({ length: cout }, () => randomInt(r, -5000, 5000)),
    inQ: qp(0.02 + r() * 0.05, dtype === 'int16' ? 0 : randomInt(r, lo, hi)),
    filterQ: qpc(Array.from({ length: cout }, () => 0.001 + r() * 0.02), 0),
    outQ: qp(0.05 + r() * 0.2, dtype === 'int16' ? 0 : randomInt(r, lo, hi)),
    padding: 'SAME',
    stride: 1,
    dilation: 1,
    ...over,
  };
}

test('conv2d int8 1x1 with unit scales passes values through (hand-checked)', () => {
  const c: QConvCase = {
    dtype: 'int8', inShape: [1, 1, 2, 1], filterShape: [1, 1, 1, 1], input: [3, -5], filter: [2], bias: null,
    inQ: qp(0.5, 0), filterQ: qpc([1], 0), outQ: qp(1, 0), padding: 'VALID', stride: 1, dilation: 1,
  };
  assert.deepEqual(run(CONV_2D_QUANTIZED_KERNEL, c), { shape: [1, 1, 2, 1], data: [3, -5] });
  // 0.5·2·x/0.75 = 4, −6.67 → with zero point 10: 14, 3
  const scaled = { ...c, outQ: qp(0.75, 10) };
  assert.deepEqual(run(CONV_2D_QUANTIZED_KERNEL, scaled).data, [14, 3]);
});

test('conv2d int8 SAME padding with stride 2 on odd input, zero points at the ends of the range', () => {
  for (const [seed, zpIn, zpOut] of [[1, -128, 127], [2, 127, -128], [3, 0, 0]] as const) {
    const c = randomCase(seed, { inShape: [2, 7, 5, 3], filterShape: [4, 3, 3, 3], stride: 2, inQ: qp(0.03, zpIn), outQ: qp(0.4, zpOut) });
    const { shape, acc } = naiveAccumulators(c);
    assert.deepEqual(run(CONV_2D_QUANTIZED_KERNEL, c), { shape, data: referenceOutputs(c, acc) }, `seed ${seed}`);
    assert.deepEqual(run(CONV_2D_QUANTIZED_XNNPACK_KERNEL, c), { shape, data: xnnpackOutputs(c, acc) }, `seed ${seed}`);
  }
});

test('conv2d int8 with dilation 2, VALID padding and two groups', () => {
  const c = randomCase(4, { inShape: [1, 9, 8, 4], filterShape: [6, 3, 2, 2], padding: 'VALID', dilation: 2 });
  const { shape, acc } = naiveAccumulators(c);
  assert.deepEqual(shape, [1, 5, 6, 6]);
  assert.deepEqual(run(CONV_2D_QUANTIZED_KERNEL, c).data, referenceOutputs(c, acc));
  assert.deepEqual(run(CONV_2D_QUANTIZED_XNNPACK_KERNEL, c).data, xnnpackOutputs(c, acc));
});

test('conv2d multiplier above one needs a left shift and saturates at the type bounds', () => {
  // in·w/out = 0.5·0.5/0.01 = 25 → shift +5
  const c = randomCase(5, {
    inShape: [1, 3, 3, 2], filterShape: [2, 1, 1, 2], inQ: qp(0.5, 0), filterQ: qpc([0.5, 0.5], 0), outQ: qp(0.01, 0), bias: null,
  });
  const { acc } = naiveAccumulators(c);
  const got = run(CONV_2D_QUANTIZED_KERNEL, c).data;
  assert.deepEqual(got, referenceOutputs(c, acc));
  assert.ok(got.includes(127) && got.includes(-128), 'large products saturate');
});

test('conv2d RELU6 clamps to the quantized [0, 6] range of the output', () => {
  const c = randomCase(6, { inShape: [1, 4, 4, 3], filterShape: [3, 3, 3, 3], act: 'RELU6', outQ: qp(0.05, -100) });
  const got = run(CONV_2D_QUANTIZED_KERNEL, c).data;
  // 6 / 0.05 = 120 steps above the zero point
  assert.ok(got.every((v) => v >= -100 && v <= 20));
  const { acc } = naiveAccumulators(c);
  assert.deepEqual(got, referenceOutputs(c, acc).map((v) => clampTo(v, -100, 20)));
});

test('conv2d uint8 with a filter zero point uses the legacy float32 scale product', () => {
  for (const zpW of [0, 255, 131]) {
    const c = randomCase(7 + zpW, {
      dtype: 'uint8', inShape: [1, 5, 5, 2], filterShape: [3, 2, 2, 2], stride: 2,
      filterQ: qp(0.013, zpW), inQ: qp(0.0039, 0), outQ: qp(0.07, 255),
    });
    const { shape, acc } = naiveAccumulators(c);
    assert.deepEqual(run(CONV_2D_QUANTIZED_KERNEL, c), { shape, data: referenceOutputs(c, acc, true) }, `zp ${zpW}`);
  }
});

test('conv2d 16x8 accumulates int16 × int8 with an int64 bias and the 64-bit requantization', () => {
  const c = randomCase(9, { dtype: 'int16', inShape: [1, 4, 5, 8], filterShape: [3, 3, 3, 8], outQ: qp(0.5, 0) });
  c.bias = [2 ** 33, -(2 ** 32), 12345];
  const { shape, acc } = naiveAccumulators(c);
  const expected = acc.map((a, i) => {
    const ws = c.filterQ.scale[i % 3]!;
    const { m, s } = refQuantize((c.inQ.scale[0]! * ws) / c.outQ.scale[0]!);
    const reduced = m < 0x7fff0000 ? (m + 32768) >> 16 : 0x7fff;
    const total = BigInt(15 - s);
    const v = Number((BigInt(a) * BigInt(reduced) + (1n << (total - 1n))) >> total);
    return clampTo(v, -32768, 32767);
  });
  assert.deepEqual(run(CONV_2D_QUANTIZED_KERNEL, c), { shape, data: expected });
  assert.ok(expected.includes(32767) && expected.includes(-32768), 'the large biases saturate');
  assert.throws(() => run(CONV_2D_QUANTIZED_XNNPACK_KERNEL, c), /does not support/);
});

test('conv2d rejects a non-constant filter and a wrong number of channel scales', () => {
  const c = randomCase(10, { inShape: [1, 3, 3, 1], filterShape: [2, 1, 1, 1] });
  assert.throws(() => run(CONV_2D_QUANTIZED_KERNEL, { ...c, filterQ: qpc([0.1, 0.1, 0.1], 0) }), ShapeError);
  assert.throws(
    () => runKernel(CONV_2D_QUANTIZED_KERNEL, {
      inputs: [
        { dtype: 'int8', shape: c.inShape, data: c.input, quantization: c.inQ },
        { dtype: 'int8', shape: c.filterShape, data: c.filter, quantization: c.filterQ },
      ],
      outputs: [{ dtype: 'int8', quantization: c.outQ }],
      options: options(c),
    }),
    UnsupportedError,
  );
});
