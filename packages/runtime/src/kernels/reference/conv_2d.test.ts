import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import type { Conv2DOptions, FusedActivation, Padding } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { CONV_2D_KERNEL } from './conv_2d.js';

function convOptions(o: Partial<Conv2DOptions> = {}): Conv2DOptions {
  return {
    kind: 'Conv2DOptions', padding: 'VALID', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1,
    fusedActivation: 'NONE', ...o,
  };
}

interface ConvCase {
  input: Float32Array; inShape: [number, number, number, number];
  filter: Float32Array; filterShape: [number, number, number, number];
  bias: Float32Array | null; options: Conv2DOptions;
}

function runConv(c: ConvCase): { shape: number[]; data: Float32Array } {
  const inputs = [
    { dtype: 'float32' as const, shape: c.inShape, data: c.input },
    { dtype: 'float32' as const, shape: c.filterShape, data: c.filter, constant: true },
    c.bias ? { dtype: 'float32' as const, shape: [c.bias.length], data: c.bias, constant: true } : null,
  ];
  const [out] = runKernel(CONV_2D_KERNEL, { inputs, outputs: [{ dtype: 'float32' }], options: c.options });
  return { shape: out!.shape, data: out!.data as Float32Array };
}

/** Direct definition: every tap checks its own bounds; padding from TF's formula, computed here. */
function naiveConv(c: ConvCase): { shape: number[]; data: number[] } {
  const [n, h, w, cin] = c.inShape;
  const [cout, fh, fw, fc] = c.filterShape;
  const o = c.options;
  const groups = cin / fc;
  const axis = (size: number, f: number, s: number, d: number, p: Padding) => {
    const eff = (f - 1) * d + 1;
    const out = p === 'SAME' ? Math.ceil(size / s) : Math.ceil((size - eff + 1) / s);
    const pad = p === 'SAME' ? Math.max(0, Math.floor(((out - 1) * s + eff - size) / 2)) : 0;
    return { out, pad };
  };
  const ay = axis(h, fh, o.strideH, o.dilationH, o.padding);
  const ax = axis(w, fw, o.strideW, o.dilationW, o.padding);
  const act = (v: number, a: FusedActivation) =>
    a === 'RELU' ? Math.max(0, v) : a === 'RELU6' ? Math.min(6, Math.max(0, v)) : a === 'RELU_N1_TO_1' ? Math.min(1, Math.max(-1, v)) : v;
  const data: number[] = [];
  for (let b = 0; b < n; b++)
    for (let y = 0; y < ay.out; y++)
      for (let x = 0; x < ax.out; x++)
        for (let oc = 0; oc < cout; oc++) {
          const g = Math.floor(oc / (cout / groups));
          let s = c.bias ? c.bias[oc]! : 0;
          for (let ky = 0; ky < fh; ky++)
            for (let kx = 0; kx < fw; kx++)
              for (let ic = 0; ic < fc; ic++) {
                const iy = y * o.strideH - ay.pad + ky * o.dilationH;
                const ix = x * o.strideW - ax.pad + kx * o.dilationW;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                s += c.input[((b * h + iy) * w + ix) * cin + g * fc + ic]! * c.filter[((oc * fh + ky) * fw + kx) * fc + ic]!;
              }
          data.push(act(s, o.fusedActivation));
        }
  return { shape: [n, ay.out, ax.out, cout], data };
}

test('conv2d VALID 2x2 filter on a 3x3 single-channel input (hand-checked)', () => {
  const out = runConv({
    input: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), inShape: [1, 3, 3, 1],
    filter: Float32Array.of(1, 0, 0, -1), filterShape: [1, 2, 2, 1],
    bias: Float32Array.of(10), options: convOptions(),
  });
  assert.deepEqual(out.shape, [1, 2, 2, 1]);
  // each output = top-left − bottom-right + 10 = −4 + 10
  assert.deepEqual([...out.data], [6, 6, 6, 6]);
});

test('conv2d SAME padding with stride 2 on odd input', () => {
  // 5x5 ones, 3x3 ones filter, SAME stride 2: out 3x3, pads 1/1; corners see 4 taps, edges 6, centre 9
  const out = runConv({
    input: new Float32Array(25).fill(1), inShape: [1, 5, 5, 1],
    filter: new Float32Array(9).fill(1), filterShape: [1, 3, 3, 1],
    bias: null, options: convOptions({ padding: 'SAME', strideH: 2, strideW: 2 }),
  });
  assert.deepEqual(out.shape, [1, 3, 3, 1]);
  assert.deepEqual([...out.data], [4, 6, 4, 6, 9, 6, 4, 6, 4]);
});

test('conv2d SAME padding on even input with stride 2 pads only after', () => {
  // 4x4 ones, 3x3 SAME stride 2: total pad 1 → 0 before, 1 after; out (0,0) sees 9 taps, others fewer
  const out = runConv({
    input: new Float32Array(16).fill(1), inShape: [1, 4, 4, 1],
    filter: new Float32Array(9).fill(1), filterShape: [1, 3, 3, 1],
    bias: null, options: convOptions({ padding: 'SAME', strideH: 2, strideW: 2 }),
  });
  assert.deepEqual([...out.data], [9, 6, 6, 4]);
});

test('conv2d dilation 2 reads every other pixel', () => {
  // 5x5 input holding its index; 2x2 filter of ones, dilation 2, VALID: out 3x3, out(0,0) = 0+2+10+12
  const input = Float32Array.from({ length: 25 }, (_, i) => i);
  const out = runConv({
    input, inShape: [1, 5, 5, 1], filter: new Float32Array(4).fill(1), filterShape: [1, 2, 2, 1],
    bias: null, options: convOptions({ dilationH: 2, dilationW: 2 }),
  });
  assert.deepEqual(out.shape, [1, 3, 3, 1]);
  assert.equal(out.data[0], 24);
  assert.equal(out.data[8], 12 + 14 + 22 + 24);
});

test('conv2d fused RELU6 clamps the outputs', () => {
  const out = runConv({
    input: Float32Array.of(-3, 2, 10), inShape: [1, 1, 3, 1], filter: Float32Array.of(1), filterShape: [1, 1, 1, 1],
    bias: null, options: convOptions({ fusedActivation: 'RELU6' }),
  });
  assert.deepEqual([...out.data], [0, 2, 6]);
});

test('conv2d grouped: input channels twice the filter channels splits into two groups', () => {
  // 1x1 conv, 4 input channels, 2 groups of 2; output 0 reads channels 0-1, output 1 reads channels 2-3
  const out = runConv({
    input: Float32Array.of(1, 2, 3, 4), inShape: [1, 1, 1, 4],
    filter: Float32Array.of(1, 1, 1, -1), filterShape: [2, 1, 1, 2],
    bias: null, options: convOptions(),
  });
  assert.deepEqual([...out.data], [3, -1]);
});

test('conv2d rejects input channels that are not a multiple of the filter channels', () => {
  assert.throws(
    () => runConv({
      input: new Float32Array(3), inShape: [1, 1, 1, 3], filter: new Float32Array(2), filterShape: [1, 1, 1, 2],
      bias: null, options: convOptions(),
    }),
    (e: unknown) => e instanceof ShapeError && /node 0/.test(e.message),
  );
});

test('conv2d with an empty batch gives an empty output', () => {
  const out = runConv({
    input: new Float32Array(0), inShape: [0, 3, 3, 2], filter: new Float32Array(4 * 2 * 3), filterShape: [3, 2, 2, 2],
    bias: null, options: convOptions({ padding: 'SAME' }),
  });
  assert.deepEqual(out.shape, [0, 3, 3, 3]);
  assert.equal(out.data.length, 0);
});

test('conv2d matches a direct reference on random shapes, strides, dilations, groups and paddings', () => {
  const rand = seededRandom(7);
  for (let i = 0; i < 60; i++) {
    const groups = randomInt(rand, 1, 3) === 3 ? 2 : 1;
    const fc = randomInt(rand, 1, 5);
    const cin = fc * groups;
    const cout = groups * randomInt(rand, 1, 6);
    const fh = randomInt(rand, 1, 4);
    const fw = randomInt(rand, 1, 4);
    const inShape: [number, number, number, number] = [randomInt(rand, 1, 2), randomInt(rand, 1, 9), randomInt(rand, 1, 9), cin];
    const c: ConvCase = {
      inShape, input: randomFloats(rand, inShape.reduce((a, b) => a * b)),
      filterShape: [cout, fh, fw, fc], filter: randomFloats(rand, cout * fh * fw * fc),
      bias: rand() < 0.5 ? randomFloats(rand, cout) : null,
      options: convOptions({
        padding: rand() < 0.5 ? 'SAME' : 'VALID',
        strideH: randomInt(rand, 1, 3), strideW: randomInt(rand, 1, 3),
        dilationH: randomInt(rand, 1, 2), dilationW: randomInt(rand, 1, 2),
        fusedActivation: (['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'] as const)[randomInt(rand, 0, 3)]!,
      }),
    };
    const expected = naiveConv(c);
    if (expected.shape.some((d) => d <= 0)) continue;
    const actual = runConv(c);
    assert.deepEqual(actual.shape, expected.shape, `case ${i}`);
    assertClose(actual.data, expected.data, `case ${i}`);
  }
});

test('hybrid conv2d with per-channel int8 filters equals the float conv on grid-aligned input', () => {
  // input (0, 1, 2, 2.55)·… lies on the int8 grid of range [0, 2.55]; filters int8 with scales 0.5 and 0.25
  const input = Float32Array.of(0, 1, 2, 2.55);
  const [out] = runKernel(CONV_2D_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [1, 2, 2, 1], data: input },
      {
        dtype: 'int8', shape: [2, 1, 1, 1], data: [2, -4], constant: true,
        quantization: { scale: [0.5, 0.25], zeroPoint: [0, 0], quantizedDimension: 0 },
      },
      null,
    ],
    outputs: [{ dtype: 'float32' }],
    options: convOptions(),
  });
  assert.deepEqual(out!.shape, [1, 2, 2, 2]);
  assertClose(out!.data as Float32Array, [...input].flatMap((x) => [x, -x]), 'hybrid', 1e-6, 1e-6);
});
