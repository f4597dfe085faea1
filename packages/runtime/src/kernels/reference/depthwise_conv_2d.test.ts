import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DepthwiseConv2DOptions, Padding } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { DEPTHWISE_CONV_2D_KERNEL } from './depthwise_conv_2d.js';

function dwOptions(o: Partial<DepthwiseConv2DOptions> = {}): DepthwiseConv2DOptions {
  return {
    kind: 'DepthwiseConv2DOptions', padding: 'VALID', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1,
    depthMultiplier: 1, fusedActivation: 'NONE', ...o,
  };
}

interface DwCase {
  input: Float32Array; inShape: [number, number, number, number];
  filter: Float32Array; filterShape: [1, number, number, number];
  bias: Float32Array | null; options: DepthwiseConv2DOptions;
}

function runDw(c: DwCase): { shape: number[]; data: Float32Array } {
  const inputs = [
    { dtype: 'float32' as const, shape: c.inShape, data: c.input },
    { dtype: 'float32' as const, shape: c.filterShape, data: c.filter, constant: true },
    c.bias ? { dtype: 'float32' as const, shape: [c.bias.length], data: c.bias, constant: true } : null,
  ];
  const [out] = runKernel(DEPTHWISE_CONV_2D_KERNEL, { inputs, outputs: [{ dtype: 'float32' }], options: c.options });
  return { shape: out!.shape, data: out!.data as Float32Array };
}

/** Direct definition with per-tap bounds checks and independently computed padding. */
function naiveDw(c: DwCase): { shape: number[]; data: number[] } {
  const [n, h, w, cin] = c.inShape;
  const [, fh, fw, cout] = c.filterShape;
  const mult = cout / cin;
  const o = c.options;
  const axis = (size: number, f: number, s: number, d: number, p: Padding) => {
    const eff = (f - 1) * d + 1;
    const out = p === 'SAME' ? Math.ceil(size / s) : Math.ceil((size - eff + 1) / s);
    return { out, pad: p === 'SAME' ? Math.max(0, Math.floor(((out - 1) * s + eff - size) / 2)) : 0 };
  };
  const ay = axis(h, fh, o.strideH, o.dilationH, o.padding);
  const ax = axis(w, fw, o.strideW, o.dilationW, o.padding);
  const data: number[] = [];
  for (let b = 0; b < n; b++)
    for (let y = 0; y < ay.out; y++)
      for (let x = 0; x < ax.out; x++)
        for (let oc = 0; oc < cout; oc++) {
          let s = c.bias ? c.bias[oc]! : 0;
          for (let ky = 0; ky < fh; ky++)
            for (let kx = 0; kx < fw; kx++) {
              const iy = y * o.strideH - ay.pad + ky * o.dilationH;
              const ix = x * o.strideW - ax.pad + kx * o.dilationW;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              s += c.input[((b * h + iy) * w + ix) * cin + Math.floor(oc / mult)]! * c.filter[(ky * fw + kx) * cout + oc]!;
            }
          data.push(o.fusedActivation === 'RELU' ? Math.max(0, s) : s);
        }
  return { shape: [n, ay.out, ax.out, cout], data };
}

test('depthwise conv with depth multiplier 2 gives two outputs per input channel', () => {
  // 1x1 filter; input channels (2, 3); multipliers (1, 10) per channel; channel c·2+m = x_c · w[c·2+m]
  const out = runDw({
    input: Float32Array.of(2, 3), inShape: [1, 1, 1, 2],
    filter: Float32Array.of(1, 10, -1, 100), filterShape: [1, 1, 1, 4],
    bias: Float32Array.of(0, 0, 0.5, 0), options: dwOptions({ depthMultiplier: 2 }),
  });
  assert.deepEqual(out.shape, [1, 1, 1, 4]);
  assert.deepEqual([...out.data], [2, 20, -2.5, 300]);
});

test('depthwise conv SAME padding with stride 2 on odd input keeps channels apart', () => {
  // 5x5x2: channel 0 all ones, channel 1 all twos; 3x3 ones filter; window tap counts 4/6/9
  const input = new Float32Array(50);
  for (let i = 0; i < 25; i++) { input[2 * i] = 1; input[2 * i + 1] = 2; }
  const out = runDw({
    input, inShape: [1, 5, 5, 2], filter: new Float32Array(18).fill(1), filterShape: [1, 3, 3, 2],
    bias: null, options: dwOptions({ padding: 'SAME', strideH: 2, strideW: 2 }),
  });
  assert.deepEqual(out.shape, [1, 3, 3, 2]);
  const counts = [4, 6, 4, 6, 9, 6, 4, 6, 4];
  assert.deepEqual([...out.data], counts.flatMap((k) => [k, 2 * k]));
});

test('depthwise conv dilation 2 on a single channel', () => {
  const input = Float32Array.from({ length: 25 }, (_, i) => i);
  const out = runDw({
    input, inShape: [1, 5, 5, 1], filter: new Float32Array(4).fill(1), filterShape: [1, 2, 2, 1],
    bias: null, options: dwOptions({ dilationH: 2, dilationW: 2 }),
  });
  assert.deepEqual(out.shape, [1, 3, 3, 1]);
  assert.equal(out.data[0], 0 + 2 + 10 + 12);
});

test('depthwise conv takes the multiplier from the filter shape even when the option disagrees', () => {
  const out = runDw({
    input: Float32Array.of(1, 2), inShape: [1, 1, 1, 2], filter: Float32Array.of(1, 2, 3, 4), filterShape: [1, 1, 1, 4],
    bias: null, options: dwOptions({ depthMultiplier: 1 }),
  });
  assert.deepEqual([...out.data], [1, 2, 6, 8]);
});

test('depthwise conv matches a direct reference on random cases', () => {
  const rand = seededRandom(11);
  for (let i = 0; i < 60; i++) {
    const cin = randomInt(rand, 1, 5);
    const mult = randomInt(rand, 1, 3);
    const fh = randomInt(rand, 1, 4);
    const fw = randomInt(rand, 1, 4);
    const inShape: [number, number, number, number] = [randomInt(rand, 1, 2), randomInt(rand, 1, 9), randomInt(rand, 1, 9), cin];
    const c: DwCase = {
      inShape, input: randomFloats(rand, inShape.reduce((a, b) => a * b)),
      filterShape: [1, fh, fw, cin * mult], filter: randomFloats(rand, fh * fw * cin * mult),
      bias: rand() < 0.5 ? randomFloats(rand, cin * mult) : null,
      options: dwOptions({
        padding: rand() < 0.5 ? 'SAME' : 'VALID', depthMultiplier: mult,
        strideH: randomInt(rand, 1, 3), strideW: randomInt(rand, 1, 3),
        dilationH: randomInt(rand, 1, 2), dilationW: randomInt(rand, 1, 2),
        fusedActivation: rand() < 0.3 ? 'RELU' : 'NONE',
      }),
    };
    const expected = naiveDw(c);
    if (expected.shape.some((d) => d <= 0)) continue;
    const actual = runDw(c);
    assert.deepEqual(actual.shape, expected.shape, `case ${i}`);
    assertClose(actual.data, expected.data, `case ${i}`);
  }
});

test('hybrid depthwise conv with per-channel int8 filters equals the float conv on grid-aligned input', () => {
  // two channels; the image (0, 2.55, 1, 2) lies on the int8 grid of range [0, 2.55]; scales per output channel
  const input = Float32Array.of(0, 2.55, 1, 2);
  const [out] = runKernel(DEPTHWISE_CONV_2D_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [1, 1, 2, 2], data: input },
      {
        dtype: 'int8', shape: [1, 1, 1, 2], data: [4, -2], constant: true,
        quantization: { scale: [0.25, 0.5], zeroPoint: [0, 0], quantizedDimension: 3 },
      },
      null,
    ],
    outputs: [{ dtype: 'float32' }],
    options: dwOptions(),
  });
  assert.deepEqual(out!.shape, [1, 1, 2, 2]);
  assertClose(out!.data as Float32Array, [0, -2.55, 1, -2], 'hybrid', 1e-6, 1e-6);
});
