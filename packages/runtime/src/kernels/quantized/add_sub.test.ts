import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import type { ArithmeticOptions, FusedActivation } from '../../core/options.js';
import {
  clampTo,
  qp,
  randomInt,
  refMultiply,
  refQuantize,
  rint,
  runKernel,
  seededRandom,
} from '@tflite-lambda/testing';
import { ADD_QUANTIZED_KERNEL, ADD_QUANTIZED_XNNPACK_KERNEL } from './add.js';
import { MUL_QUANTIZED_KERNEL } from './mul.js';
import { SUB_QUANTIZED_KERNEL, SUB_QUANTIZED_XNNPACK_KERNEL } from './sub.js';

type Dt = 'int8' | 'uint8' | 'int16';
const RANGE = { int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767] } as const;

function runBinary(
  kernel: typeof ADD_QUANTIZED_KERNEL, kind: ArithmeticOptions['kind'], dtype: Dt,
  a: { shape: number[]; data: number[]; q: QuantizationParams }, b: { shape: number[]; data: number[]; q: QuantizationParams },
  outQ: QuantizationParams, act: FusedActivation = 'NONE', potScaleInt16 = false,
): { shape: number[]; data: number[] } {
  const [out] = runKernel(kernel, {
    inputs: [
      { dtype, shape: a.shape, data: a.data, quantization: a.q },
      { dtype, shape: b.shape, data: b.data, quantization: b.q },
    ],
    outputs: [{ dtype, quantization: outQ }],
    options: { kind, fusedActivation: act, potScaleInt16 },
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int16Array) };
}

/** TFLite's general ADD/SUB from its definition: both inputs to 2·max scale with a left shift of 20 (15). */
function refAddSub(dtype: Dt, x: number, y: number, qa: QuantizationParams, qb: QuantizationParams, qo: QuantizationParams, sign: number): number {
  const left = dtype === 'int16' ? 15 : 20;
  const twiceMax = 2 * Math.max(qa.scale[0]!, qb.scale[0]!);
  const m1 = refQuantize(qa.scale[0]! / twiceMax);
  const m2 = refQuantize(qb.scale[0]! / twiceMax);
  const mo = refQuantize(twiceMax / (2 ** left * qo.scale[0]!));
  const sx = refMultiply((x - qa.zeroPoint[0]!) * 2 ** left, m1.m, m1.s);
  const sy = refMultiply((y - qb.zeroPoint[0]!) * 2 ** left, m2.m, m2.s);
  const [lo, hi] = RANGE[dtype];
  return clampTo(refMultiply(sx + sign * sy, mo.m, mo.s) + qo.zeroPoint[0]!, lo, hi);
}

/** Broadcast index of flat output position i into a tensor of `shape` (numpy rules). */
function broadcastIndex(i: number, outShape: number[], shape: number[]): number {
  let idx = 0;
  let stride = 1;
  let rem = i;
  const coords = outShape.map(() => 0);
  for (let d = outShape.length - 1; d >= 0; d--) {
    coords[d] = rem % outShape[d]!;
    rem = Math.floor(rem / outShape[d]!);
  }
  for (let d = shape.length - 1, o = outShape.length - 1; d >= 0; d--, o--) {
    idx += (shape[d] === 1 ? 0 : coords[o]!) * stride;
    stride *= shape[d]!;
  }
  return idx;
}

function randomTensor(r: () => number, dtype: Dt, shape: number[], scale: number, zp: number) {
  const [lo, hi] = RANGE[dtype];
  const n = shape.reduce((p, d) => p * d, 1);
  return { shape, data: Array.from({ length: n }, () => randomInt(r, lo, hi)), q: qp(scale, zp) };
}

test('quantized ADD and SUB broadcast [2,1,3] against [4,1] and rescale like TFLite', () => {
  const r = seededRandom(1);
  for (const dtype of ['int8', 'uint8', 'int16'] as const) {
    const zps = dtype === 'int16' ? [0, 0, 0] : dtype === 'int8' ? [-128, 127, 3] : [0, 255, 128];
    const a = randomTensor(r, dtype, [2, 1, 3], 0.04, zps[0]!);
    const b = randomTensor(r, dtype, [4, 1], 0.013, zps[1]!);
    const qo = qp(0.05, zps[2]!);
    for (const [kernel, kind, sign] of [[ADD_QUANTIZED_KERNEL, 'AddOptions', 1], [SUB_QUANTIZED_KERNEL, 'SubOptions', -1]] as const) {
      const got = runBinary(kernel, kind, dtype, a, b, qo);
      assert.deepEqual(got.shape, [2, 4, 3]);
      const expected = got.data.map((_, i) =>
        refAddSub(dtype, a.data[broadcastIndex(i, [2, 4, 3], a.shape)]!, b.data[broadcastIndex(i, [2, 4, 3], b.shape)]!, a.q, b.q, qo, sign));
      assert.deepEqual(got.data, expected, `${dtype} ${kind}`);
    }
  }
});

test('quantized ADD saturates and honours a fused RELU6 (hand-checked)', () => {
  // scales 1 → 127 + 127 = 254 saturates to 127; RELU6 with out scale 0.5, zp −10 clamps to [−10, 2]
  const a = { shape: [3], data: [127, -128, 4], q: qp(1, 0) };
  const b = { shape: [3], data: [127, -128, 0], q: qp(1, 0) };
  assert.deepEqual(runBinary(ADD_QUANTIZED_KERNEL, 'AddOptions', 'int8', a, b, qp(1, 0)).data, [127, -128, 4]);
  assert.deepEqual(runBinary(ADD_QUANTIZED_KERNEL, 'AddOptions', 'int8', a, b, qp(0.5, -10), 'RELU6').data, [2, -10, -2]);
});

test('XNNPACK ADD/SUB: ~21-bit multipliers sharing one shift, one biased rounding shift', () => {
  const r = seededRandom(2);
  const a = randomTensor(r, 'int8', [5, 7], 0.037, -3);
  const b = randomTensor(r, 'int8', [7], 0.011, 90);
  const qo = qp(0.06, -128);
  for (const [kernel, kind, sign] of [[ADD_QUANTIZED_XNNPACK_KERNEL, 'AddOptions', 1], [SUB_QUANTIZED_XNNPACK_KERNEL, 'SubOptions', -1]] as const) {
    const got = runBinary(kernel, kind, 'int8', a, b, qo);
    const as = Math.fround(a.q.scale[0]! / qo.scale[0]!);
    const bs = Math.fround(b.q.scale[0]! / qo.scale[0]!);
    const exponent = Math.floor(Math.log2(Math.max(as, bs)));
    const shift = 20 - exponent;
    const am = rint(as * 2 ** shift);
    const bm = sign * rint(bs * 2 ** shift);
    const expected = got.data.map((_, i) => {
      const acc = am * (a.data[i]! - -3) + bm * (b.data[i % 7]! - 90) + 2 ** (shift - 1);
      return clampTo(Math.floor(acc / 2 ** shift) + -128, -128, 127);
    });
    assert.deepEqual(got.data, expected, kind);
  }
});

test('int16 ADD/SUB with power-of-two scales shifts the finer input and saturates', () => {
  // a scale 2^-10, b scale 2^-12, out 2^-10: b is divided by 4 with rounding half away from zero
  const a = { shape: [4], data: [100, 32767, -32768, 0], q: qp(2 ** -10, 0) };
  const b = { shape: [4], data: [6, 400, -400, -6], q: qp(2 ** -12, 0) };
  const out = qp(2 ** -10, 0);
  assert.deepEqual(runBinary(ADD_QUANTIZED_KERNEL, 'AddOptions', 'int16', a, b, out, 'NONE', true).data, [102, 32767, -32768, -2]);
  assert.deepEqual(runBinary(SUB_QUANTIZED_KERNEL, 'SubOptions', 'int16', a, b, out, 'NONE', true).data, [98, 32667, -32668, 2]);
});

test('quantized MUL multiplies centred values and requantizes by s1·s2/s_out in float32', () => {
  const r = seededRandom(3);
  const a = randomTensor(r, 'int8', [3, 4], 0.1, -128);
  const b = randomTensor(r, 'int8', [1, 4], 0.07, 127);
  const qo = qp(0.9, 5);
  const got = runBinary(MUL_QUANTIZED_KERNEL, 'MulOptions', 'int8', a, b, qo);
  const { m, s } = refQuantize(Math.fround(Math.fround(a.q.scale[0]! * b.q.scale[0]!) / qo.scale[0]!));
  const expected = got.data.map((_, i) => clampTo(refMultiply((a.data[i]! + 128) * (b.data[i % 4]! - 127), m, s) + 5, -128, 127));
  assert.deepEqual(got.data, expected);
  // hand-checked: (2 − 0)·(3 − 0)·(0.5·0.5/0.25) = 6
  const h = runBinary(MUL_QUANTIZED_KERNEL, 'MulOptions', 'int8', { shape: [1], data: [2], q: qp(0.5) }, { shape: [], data: [3], q: qp(0.5) }, qp(0.25));
  assert.deepEqual(h, { shape: [1], data: [6] });
});

test('quantized binary ops accept empty tensors', () => {
  const a = { shape: [0, 3], data: [], q: qp(0.1) };
  const b = { shape: [3], data: [1, 2, 3], q: qp(0.1) };
  assert.deepEqual(runBinary(ADD_QUANTIZED_KERNEL, 'AddOptions', 'int8', a, b, qp(0.1)), { shape: [0, 3], data: [] });
});
