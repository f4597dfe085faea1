import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import type { FusedActivation, Padding, TransposeConvOptions } from '../../core/options.js';
import {
  assertClose,
  randomFloats,
  randomInt,
  runKernel,
  seededRandom,
  type TestTensorSpec,
} from '@tflite-lambda/testing';
import { TRANSPOSE_CONV_KERNEL } from './transpose_conv.js';
import { TRANSPOSE_CONV_HYBRID_KERNEL } from '../quantized/hybrid_transpose_conv.js';
import { TRANSPOSE_CONV_QUANTIZED_KERNEL } from './transpose_conv_quantized.js';

type Nhwc = [number, number, number, number];

function options(padding: Padding, strideH: number, strideW: number, act: FusedActivation = 'NONE'): TransposeConvOptions {
  return { kind: 'TransposeConvOptions', padding, strideH, strideW, fusedActivation: act };
}

interface FloatCase {
  outShape: Nhwc;
  filterShape: Nhwc;
  filter: Float32Array;
  inShape: Nhwc;
  input: Float32Array;
  bias: Float32Array | null;
  options: TransposeConvOptions;
}

function run(c: FloatCase, shapeConstant = true) {
  const inputs: (TestTensorSpec | null)[] = [
    { dtype: 'int32', shape: [4], data: c.outShape, constant: shapeConstant },
    { dtype: 'float32', shape: c.filterShape, data: c.filter, constant: true },
    { dtype: 'float32', shape: c.inShape, data: c.input },
  ];
  if (c.bias) inputs.push({ dtype: 'float32', shape: [c.bias.length], data: c.bias, constant: true });
  const [out] = runKernel(TRANSPOSE_CONV_KERNEL, { inputs, outputs: [{ dtype: 'float32' }], options: c.options });
  return out!;
}

/**
 * By definition: the output pixel (oy, ox) receives input (iy, ix) through tap (ky, kx) exactly when
 * iy·sH + ky − padTop = oy. Padding is TensorFlow's SAME rule applied to the output size, computed here.
 */
function naive(c: FloatCase): number[] {
  const [n, oh, ow, oc] = c.outShape;
  const [, kh, kw, ic] = c.filterShape;
  const [, ih, iw] = c.inShape;
  const o = c.options;
  const pad = (out: number, k: number, s: number) => {
    if (o.padding === 'VALID') return 0;
    const convOut = Math.ceil(out / s);
    return Math.max(0, Math.floor(((convOut - 1) * s + k - out) / 2));
  };
  const pt = pad(oh, kh, o.strideH);
  const pl = pad(ow, kw, o.strideW);
  const result: number[] = [];
  for (let b = 0; b < n; b++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        for (let co = 0; co < oc; co++) {
          let acc = c.bias ? c.bias[co]! : 0;
          for (let iy = 0; iy < ih; iy++)
            for (let ix = 0; ix < iw; ix++)
              for (let ky = 0; ky < kh; ky++)
                for (let kx = 0; kx < kw; kx++) {
                  if (iy * o.strideH + ky - pt !== y || ix * o.strideW + kx - pl !== x) continue;
                  for (let ci = 0; ci < ic; ci++) {
                    acc += c.input[((b * ih + iy) * iw + ix) * ic + ci]! * c.filter[((co * kh + ky) * kw + kx) * ic + ci]!;
                  }
                }
          if (o.fusedActivation === 'RELU') acc = Math.max(0, acc);
          result.push(acc);
        }
  return result;
}

test('transpose conv VALID stride 2 with a 2x2 ones filter spreads each pixel over a 2x2 block', () => {
  const out = run({
    outShape: [1, 4, 4, 1], filterShape: [1, 2, 2, 1], filter: new Float32Array([1, 1, 1, 1]),
    inShape: [1, 2, 2, 1], input: new Float32Array([1, 2, 3, 4]), bias: null, options: options('VALID', 2, 2),
  });
  assert.deepEqual(out.shape, [1, 4, 4, 1]);
  assert.deepEqual([...out.data], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
});

test('transpose conv overlapping taps sum, stride 1 VALID 2x2 filter', () => {
  // 1-d in effect: input [1, 2] with filter [1, 10] gives [1, 10 + 2, 20].
  const out = run({
    outShape: [1, 1, 3, 1], filterShape: [1, 1, 2, 1], filter: new Float32Array([1, 10]),
    inShape: [1, 1, 2, 1], input: new Float32Array([1, 2]), bias: new Float32Array([0.5]), options: options('VALID', 1, 1),
  });
  assert.deepEqual([...out.data], [1.5, 12.5, 20.5]);
});

test('transpose conv SAME padding with stride 2 on odd output sizes matches the definition', () => {
  const rand = seededRandom(7);
  for (const [oh, ow, k, s] of [[5, 7, 3, 2], [7, 5, 4, 2], [6, 6, 3, 3], [3, 5, 1, 2]] as const) {
    const ih = Math.ceil(oh / s);
    const iw = Math.ceil(ow / s);
    const c: FloatCase = {
      outShape: [2, oh, ow, 3], filterShape: [3, k, k, 2], filter: randomFloats(rand, 3 * k * k * 2),
      inShape: [2, ih, iw, 2], input: randomFloats(rand, 2 * ih * iw * 2), bias: randomFloats(rand, 3),
      options: options('SAME', s, s, 'RELU'),
    };
    assertClose(run(c).data as Float32Array, naive(c), `${oh}x${ow} k${k} s${s}`);
  }
});

test('transpose conv VALID with unequal strides matches the definition', () => {
  const rand = seededRandom(11);
  const c: FloatCase = {
    outShape: [1, 7, 6, 2], filterShape: [2, 3, 2, 3], filter: randomFloats(rand, 36),
    inShape: [1, 3, 3, 3], input: randomFloats(rand, 27), bias: null, options: options('VALID', 2, 2),
  };
  assertClose(run(c).data as Float32Array, naive(c), 'valid');
});

test('transpose conv refuses an output shape computed at run time', () => {
  const c: FloatCase = {
    outShape: [1, 2, 2, 1], filterShape: [1, 1, 1, 1], filter: new Float32Array([1]),
    inShape: [1, 2, 2, 1], input: new Float32Array(4), bias: null, options: options('VALID', 1, 1),
  };
  assert.throws(() => run(c, false), (e: unknown) => e instanceof UnsupportedError && /dynamic output shape/.test(e.message));
});

test('int8 transpose conv with per-channel filter scales stays within one step of the real result', () => {
  const rand = seededRandom(3);
  const inQ: QuantizationParams = { scale: [0.05], zeroPoint: [-3], quantizedDimension: 0 };
  const fq: QuantizationParams = { scale: [0.01, 0.02], zeroPoint: [0, 0], quantizedDimension: 0 };
  const outQ: QuantizationParams = { scale: [0.04], zeroPoint: [5], quantizedDimension: 0 };
  const input = Int8Array.from({ length: 1 * 3 * 3 * 2 }, () => randomInt(rand, -128, 127));
  const filter = Int8Array.from({ length: 2 * 3 * 3 * 2 }, () => randomInt(rand, -127, 127));
  const bias = Int32Array.from([100, -250]);
  const [out] = runKernel(TRANSPOSE_CONV_QUANTIZED_KERNEL, {
    inputs: [
      { dtype: 'int32', shape: [4], data: [1, 6, 6, 2], constant: true },
      { dtype: 'int8', shape: [2, 3, 3, 2], data: filter, constant: true, quantization: fq },
      { dtype: 'int8', shape: [1, 3, 3, 2], data: input, quantization: inQ },
      { dtype: 'int32', shape: [2], data: bias, constant: true, quantization: { scale: [0.0005, 0.001], zeroPoint: [0, 0], quantizedDimension: 0 } },
    ],
    outputs: [{ dtype: 'int8', quantization: outQ }],
    options: options('SAME', 2, 2),
  });
  const real: FloatCase = {
    outShape: [1, 6, 6, 2], filterShape: [2, 3, 3, 2],
    filter: Float32Array.from(filter, (v, i) => v * fq.scale[Math.floor(i / 18)]!),
    inShape: [1, 3, 3, 2], input: Float32Array.from(input, (v) => (v + 3) * 0.05),
    bias: Float32Array.from([100 * 0.0005, -250 * 0.001]), options: options('SAME', 2, 2),
  };
  const expected = naive(real).map((v) => Math.max(-128, Math.min(127, Math.round(v / 0.04) + 5)));
  const got = [...(out!.data as Int8Array)];
  got.forEach((v, i) => { assert.ok(Math.abs(v - expected[i]!) <= 1, `element ${i}: ${v} vs ${expected[i]}`); });
  assert.ok(new Set(got).size > 10, 'outputs are spread, not saturated');
});

test('hybrid transpose conv (int8 filter, float input) stays within the int8 grid error of the float result', () => {
  const rand = seededRandom(21);
  const filter = Int8Array.from({ length: 2 * 3 * 3 * 2 }, () => randomInt(rand, -127, 127));
  const scales = [0.01, 0.005];
  const input = randomFloats(rand, 1 * 3 * 3 * 2, -2, 2);
  const bias = Float32Array.from([0.25, -0.5]);
  const [out] = runKernel(TRANSPOSE_CONV_HYBRID_KERNEL, {
    inputs: [
      { dtype: 'int32', shape: [4], data: [1, 6, 6, 2], constant: true },
      { dtype: 'int8', shape: [2, 3, 3, 2], data: filter, constant: true, quantization: { scale: scales, zeroPoint: [0, 0], quantizedDimension: 0 } },
      { dtype: 'float32', shape: [1, 3, 3, 2], data: input },
      { dtype: 'float32', shape: [2], data: bias, constant: true },
    ],
    outputs: [{ dtype: 'float32' }],
    options: options('SAME', 2, 2),
  });
  const exact = naive({
    outShape: [1, 6, 6, 2], filterShape: [2, 3, 3, 2], filter: Float32Array.from(filter, (v, i) => v * scales[Math.floor(i / 18)]!),
    inShape: [1, 3, 3, 2], input, bias, options: options('SAME', 2, 2),
  });
  // Input snapped to 256 levels over its range (4): at most half a step (~0.008) per value, times Σ|w| per output.
  assertClose(out!.data as Float32Array, exact, 'hybrid', 0.15, 0);
  assert.ok((out!.data as Float32Array).some((v, i) => v !== Math.fround(exact[i]!)), 'the input was snapped to the int8 grid');
});
