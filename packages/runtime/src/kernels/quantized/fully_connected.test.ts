import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import type { FullyConnectedOptions, FusedActivation } from '../../core/options.js';
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
import { FULLY_CONNECTED_QUANTIZED_KERNEL, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL } from './fully_connected.js';

type Kernel = typeof FULLY_CONNECTED_QUANTIZED_KERNEL;

function fcOptions(o: Partial<FullyConnectedOptions> = {}): FullyConnectedOptions {
  return { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false, ...o };
}

function runFc(
  kernel: Kernel, dtype: 'int8' | 'uint8' | 'int16', inShape: number[], input: number[], units: number, weights: number[],
  bias: number[] | null, q: { in: QuantizationParams; w: QuantizationParams; out: QuantizationParams },
  o: Partial<FullyConnectedOptions> = {},
): { shape: number[]; data: number[] } {
  const depth = weights.length / units;
  const [out] = runKernel(kernel, {
    inputs: [
      { dtype, shape: inShape, data: input, quantization: q.in },
      { dtype: dtype === 'uint8' ? 'uint8' : 'int8', shape: [units, depth], data: weights, quantization: q.w, constant: true },
      bias ? { dtype: dtype === 'int16' ? 'int64' : 'int32', shape: [units], data: bias, constant: true } : null,
    ],
    outputs: [{ dtype, quantization: q.out }],
    options: fcOptions(o),
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int8Array) };
}

test('fully connected int8 on a hand-checked example', () => {
  // x = [1, 2, 3] (scale 1, zp 0), W = [[1, 0, -1], [2, 2, 2]] (scale 1), bias [5, 0], out scale 2, zp 1
  // acc = [1 − 3 + 5, 12] = [3, 12] → /2 = [1.5, 6] → [2, 6] (half away from zero) + 1 = [3, 7]
  const q = { in: qp(1, 0), w: qp(1, 0), out: qp(2, 1) };
  const got = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int8', [1, 3], [1, 2, 3], 2, [1, 0, -1, 2, 2, 2], [5, 0], q);
  assert.deepEqual(got, { shape: [1, 2], data: [3, 7] });
  // XNNPACK rounds the 1.5 tie to even: 2 as well; 0.5 ties differ: acc 1 → 0 vs 1
  const tie = runFc(FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL, 'int8', [1, 3], [1, 0, 0], 2, [1, 0, 0, 3, 0, 0], null, q);
  assert.deepEqual(tie.data, [1, 3]); // 0.5 → 0, 1.5 → 2, then + 1
  const tieRef = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int8', [1, 3], [1, 0, 0], 2, [1, 0, 0, 3, 0, 0], null, q);
  assert.deepEqual(tieRef.data, [2, 3]); // 0.5 → 1, 1.5 → 2, then + 1
});

function randomFc(seed: number, dtype: 'int8' | 'uint8', batches: number, depth: number, units: number, perChannel: boolean) {
  const r = seededRandom(seed);
  const [lo, hi] = dtype === 'int8' ? [-128, 127] : [0, 255];
  const input = Array.from({ length: batches * depth }, () => randomInt(r, lo, hi));
  const weights = Array.from({ length: units * depth }, () => (dtype === 'int8' ? randomInt(r, -127, 127) : randomInt(r, 0, 255)));
  const bias = Array.from({ length: units }, () => randomInt(r, -20000, 20000));
  const wq = perChannel ? qpc(Array.from({ length: units }, () => 0.001 + 0.01 * r()), 0) : qp(0.004, dtype === 'uint8' ? hi : 0);
  const q = { in: qp(0.03, dtype === 'int8' ? lo : hi), w: wq, out: qp(0.2, dtype === 'int8' ? hi : lo) };
  return { input, weights, bias, q };
}

/** TFLite: per-tensor FC scales multiply in float32 before the division; per-channel in double. */
function expectedFc(c: ReturnType<typeof randomFc>, dtype: 'int8' | 'uint8', batches: number, units: number, mode: 'reference' | 'xnnpack'): number[] {
  const depth = c.weights.length / units;
  const [lo, hi] = dtype === 'int8' ? [-128, 127] : [0, 255];
  const out: number[] = [];
  for (let b = 0; b < batches; b++) for (let u = 0; u < units; u++) {
    let acc = c.bias[u]!;
    for (let k = 0; k < depth; k++) acc += (c.weights[u * depth + k]! - c.q.w.zeroPoint[0]!) * (c.input[b * depth + k]! - c.q.in.zeroPoint[0]!);
    const ws = c.q.w.scale.length > 1 ? c.q.w.scale[u]! : c.q.w.scale[0]!;
    let v: number;
    if (mode === 'reference') {
      const real = c.q.w.scale.length > 1 ? (c.q.in.scale[0]! * ws) / c.q.out.scale[0]! : Math.fround(c.q.in.scale[0]! * ws) / c.q.out.scale[0]!;
      const { m, s } = refQuantize(real);
      v = refMultiply(acc, m, s);
    } else {
      v = rint(Math.fround(Math.fround(acc) * Math.fround(Math.fround(c.q.in.scale[0]! * ws) / c.q.out.scale[0]!)));
    }
    out.push(clampTo(v + c.q.out.zeroPoint[0]!, lo, hi));
  }
  return out;
}

test('fully connected int8 per-channel and uint8 per-tensor match the naive definition', () => {
  for (const [dtype, perChannel] of [['int8', true], ['int8', false], ['uint8', false]] as const) {
    const c = randomFc(dtype.length + (perChannel ? 1 : 0), dtype, 3, 37, 5, perChannel);
    for (const [mode, kernel] of [['reference', FULLY_CONNECTED_QUANTIZED_KERNEL], ['xnnpack', FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL]] as const) {
      const got = runFc(kernel, dtype, [3, 37], c.input, 5, c.weights, c.bias, c.q);
      assert.deepEqual(got, { shape: [3, 5], data: expectedFc(c, dtype, 3, 5, mode) }, `${dtype} ${perChannel} ${mode}`);
    }
  }
});

test('fully connected keeps leading dimensions with keep_num_dims and flattens them otherwise', () => {
  const c = randomFc(9, 'int8', 6, 4, 3, true);
  const kept = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int8', [2, 3, 4], c.input, 3, c.weights, c.bias, c.q, { keepNumDims: true });
  const flat = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int8', [2, 3, 4], c.input, 3, c.weights, c.bias, c.q);
  assert.deepEqual(kept.shape, [2, 3, 3]);
  assert.deepEqual(flat.shape, [6, 3]);
  assert.deepEqual(kept.data, flat.data);
});

test('fully connected RELU clamps at the output zero point', () => {
  const c = randomFc(10, 'int8', 2, 16, 8, true);
  const act: FusedActivation = 'RELU';
  const got = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int8', [2, 16], c.input, 8, c.weights, c.bias, c.q, { fusedActivation: act });
  const zp = c.q.out.zeroPoint[0]!;
  assert.deepEqual(got.data, expectedFc(c, 'int8', 2, 8, 'reference').map((v) => Math.max(v, zp)));
});

test('fully connected 16x8 with an int64 bias rounds with the reduced multiplier', () => {
  // x = [1000, −2000], W = [[3, 4]] scale 0.5, in scale 0.01, out 0.02 → real 0.25
  // acc = 3000 − 8000 + 2^40 bias; ·0.25 = 274877905694 does not fit int32: like TFLite's int32 cast it
  // wraps (to −1250 here), whereas 2^20 bias → 260894, which saturates to 32767
  const q = { in: qp(0.01, 0), w: qp(0.5, 0), out: qp(0.02, 0) };
  const big = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int16', [1, 2], [1000, -2000], 1, [3, 4], [2 ** 20], q);
  assert.deepEqual(big.data, [32767]);
  const wrapped = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int16', [1, 2], [1000, -2000], 1, [3, 4], [2 ** 40], q);
  assert.deepEqual(wrapped.data, [-1250]);
  // without the bias: −5000·0.25 = −1250 exactly
  const small = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int16', [1, 2], [1000, -2000], 1, [3, 4], [0], q);
  assert.deepEqual(small.data, [-1250]);
  // −5001·0.25 = −1250.25 → −1250; −5002 · 0.25 = −1250.5 → −1250 (rounds half up)
  const tie = runFc(FULLY_CONNECTED_QUANTIZED_KERNEL, 'int16', [1, 2], [1000, -2000], 1, [3, 4], [-2], q);
  assert.deepEqual(tie.data, [-1250]);
});
