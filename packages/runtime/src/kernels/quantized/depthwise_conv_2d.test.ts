import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import type { DepthwiseConv2DOptions, Padding } from '../../core/options.js';
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
import { DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL } from './depthwise_conv_2d.js';

interface DwCase {
  inShape: [number, number, number, number];
  multiplier: number;
  k: number;
  input: number[];
  filter: number[];
  bias: number[];
  inQ: QuantizationParams;
  filterQ: QuantizationParams;
  outQ: QuantizationParams;
  padding: Padding;
  stride: number;
  dilation: number;
}

function makeCase(seed: number, over: Partial<DwCase> & Pick<DwCase, 'inShape' | 'multiplier' | 'k'>): DwCase {
  const r = seededRandom(seed);
  const outC = over.inShape[3] * over.multiplier;
  const n = over.inShape.reduce((a, b) => a * b, 1);
  return {
    input: Array.from({ length: n }, () => randomInt(r, -128, 127)),
    filter: Array.from({ length: over.k * over.k * outC }, () => randomInt(r, -127, 127)),
    bias: Array.from({ length: outC }, () => randomInt(r, -3000, 3000)),
    inQ: qp(0.05, randomInt(r, -128, 127)),
    filterQ: qpc(Array.from({ length: outC }, () => 0.002 + r() * 0.02), 3),
    outQ: qp(0.1 + r() * 0.1, randomInt(r, -128, 127)),
    padding: 'SAME', stride: 1, dilation: 1,
    ...over,
  };
}

function run(kernel: typeof DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, c: DwCase): { shape: number[]; data: number[] } {
  const outC = c.inShape[3] * c.multiplier;
  const options: DepthwiseConv2DOptions = {
    kind: 'DepthwiseConv2DOptions', padding: c.padding, strideH: c.stride, strideW: c.stride, depthMultiplier: c.multiplier,
    fusedActivation: 'NONE', dilationH: c.dilation, dilationW: c.dilation,
  };
  const [out] = runKernel(kernel, {
    inputs: [
      { dtype: 'int8', shape: c.inShape, data: c.input, quantization: c.inQ },
      { dtype: 'int8', shape: [1, c.k, c.k, outC], data: c.filter, quantization: c.filterQ, constant: true },
      { dtype: 'int32', shape: [outC], data: c.bias, constant: true },
    ],
    outputs: [{ dtype: 'int8', quantization: c.outQ }],
    options,
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int8Array) };
}

/** Naive definition: output channel ic·multiplier + m reads input channel ic; taps check their bounds. */
function naive(c: DwCase): { shape: number[]; acc: number[] } {
  const [n, h, w, cin] = c.inShape;
  const outC = cin * c.multiplier;
  const eff = (c.k - 1) * c.dilation + 1;
  const size = (s: number) => (c.padding === 'SAME' ? Math.ceil(s / c.stride) : Math.ceil((s - eff + 1) / c.stride));
  const oh = size(h);
  const ow = size(w);
  const pad = (s: number, o: number) => (c.padding === 'SAME' ? Math.max(0, Math.floor(((o - 1) * c.stride + eff - s) / 2)) : 0);
  const acc: number[] = [];
  for (let b = 0; b < n; b++) for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) for (let oc = 0; oc < outC; oc++) {
    let sum = c.bias[oc]!;
    const ic = Math.floor(oc / c.multiplier);
    for (let ky = 0; ky < c.k; ky++) for (let kx = 0; kx < c.k; kx++) {
      const iy = y * c.stride - pad(h, oh) + ky * c.dilation;
      const ix = x * c.stride - pad(w, ow) + kx * c.dilation;
      if (iy < 0 || ix < 0 || iy >= h || ix >= w) continue;
      sum += c.filter[(ky * c.k + kx) * outC + oc]! * (c.input[((b * h + iy) * w + ix) * cin + ic]! - c.inQ.zeroPoint[0]!);
    }
    acc.push(sum);
  }
  return { shape: [n, oh, ow, outC], acc };
}

function expected(c: DwCase, acc: number[], mode: 'reference' | 'xnnpack'): number[] {
  const outC = c.inShape[3] * c.multiplier;
  return acc.map((a, i) => {
    const ws = c.filterQ.scale[i % outC]!;
    let v: number;
    if (mode === 'reference') {
      const { m, s } = refQuantize((c.inQ.scale[0]! * ws) / c.outQ.scale[0]!);
      v = refMultiply(a, m, s);
    } else {
      v = rint(Math.fround(Math.fround(a) * Math.fround(Math.fround(c.inQ.scale[0]! * ws) / c.outQ.scale[0]!)));
    }
    return clampTo(v + c.outQ.zeroPoint[0]!, -128, 127);
  });
}

test('depthwise int8 with depth multiplier 2, stride 2 and SAME padding on odd input', () => {
  const c = makeCase(1, { inShape: [2, 7, 5, 3], multiplier: 2, k: 3, stride: 2 });
  const { shape, acc } = naive(c);
  assert.deepEqual(shape, [2, 4, 3, 6]);
  assert.deepEqual(run(DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, c), { shape, data: expected(c, acc, 'reference') });
  assert.deepEqual(run(DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, c), { shape, data: expected(c, acc, 'xnnpack') });
});

test('depthwise int8 with dilation 2 and VALID padding, input zero point at −128', () => {
  const c = makeCase(2, { inShape: [1, 9, 9, 4], multiplier: 1, k: 3, dilation: 2, padding: 'VALID', inQ: qp(0.05, -128) });
  const { shape, acc } = naive(c);
  assert.deepEqual(shape, [1, 5, 5, 4]);
  assert.deepEqual(run(DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, c).data, expected(c, acc, 'reference'));
  assert.deepEqual(run(DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, c).data, expected(c, acc, 'xnnpack'));
});

test('depthwise requantizes each channel with its own multiplier (hand-checked)', () => {
  // one pixel, two channels, 1x1 filter [2, 3], input [10, 10], scales 1 · [0.5, 0.25] / 1
  const c: DwCase = {
    inShape: [1, 1, 1, 2], multiplier: 1, k: 1, input: [10, 10], filter: [2, 3], bias: [0, 4],
    inQ: qp(1, 0), filterQ: qpc([0.5, 0.25], 3), outQ: qp(1, 0), padding: 'VALID', stride: 1, dilation: 1,
  };
  // channel 0: 20·0.5 = 10; channel 1: (30 + 4)·0.25 = 8.5 → 9 (half away from zero) / 8 (half to even)
  assert.deepEqual(run(DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, c).data, [10, 9]);
  assert.deepEqual(run(DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, c).data, [10, 8]);
});
