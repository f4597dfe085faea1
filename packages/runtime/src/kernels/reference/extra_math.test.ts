import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import type { BuiltinOptions } from '../../core/options.js';
import type { AnyKernel } from '../kernel.js';
import { assertClose, randomFloats, runKernel, seededRandom, type TestTensorSpec } from '@tflite-lambda/testing';
import { ABS_KERNEL } from './abs.js';
import { ADD_N_KERNEL } from './add_n.js';
import { ATAN2_KERNEL } from './atan2.js';
import { CEIL_KERNEL } from './ceil.js';
import { COS_KERNEL } from './cos.js';
import { CUMSUM_KERNEL } from './cumsum.js';
import { ELU_KERNEL } from './elu.js';
import { FLOOR_KERNEL } from './floor.js';
import { FLOOR_DIV_KERNEL } from './floor_div.js';
import { FLOOR_MOD_KERNEL } from './floor_mod.js';
import { GELU_KERNEL } from './gelu.js';
import { L2_NORMALIZATION_KERNEL } from './l2_normalization.js';
import { L2_POOL_2D_KERNEL } from './l2_pool_2d.js';
import { LOCAL_RESPONSE_NORMALIZATION_KERNEL } from './local_response_normalization.js';
import { LOG_SOFTMAX_KERNEL } from './log_softmax.js';
import { NEG_KERNEL } from './neg.js';
import { POW_KERNEL } from './pow.js';
import { PRELU_KERNEL } from './prelu.js';
import { PRELU_QUANTIZED_KERNEL } from './prelu_quantized.js';
import { ROUND_KERNEL } from './round.js';
import { SIGN_KERNEL } from './sign.js';
import { SIN_KERNEL } from './sin.js';
import { SQUARE_KERNEL } from './square.js';

function unary(k: AnyKernel, dtype: DType, shape: number[], data: number[], options: BuiltinOptions | null = null) {
  const [out] = runKernel(k, { inputs: [{ dtype, shape, data }], outputs: [{ dtype }], options });
  return { shape: out!.shape, data: [...(out!.data as Float32Array)] };
}

function binary(k: AnyKernel, dtype: DType, a: TestTensorSpec['shape'], ad: number[], b: TestTensorSpec['shape'], bd: number[]) {
  const [out] = runKernel(k, { inputs: [{ dtype, shape: a, data: ad }, { dtype, shape: b, data: bd }], outputs: [{ dtype }] });
  return { shape: out!.shape, data: [...(out!.data as Float32Array)] };
}

test('NEG and ABS work on float32 and int32, keeping shape (rank 0 included)', () => {
  assert.deepEqual(unary(NEG_KERNEL, 'float32', [2, 2], [1, -2.5, 0, 3]).data, [-1, 2.5, -0, -3]);
  assert.deepEqual(unary(NEG_KERNEL, 'int32', [], [7]), { shape: [], data: [-7] });
  assert.deepEqual(unary(ABS_KERNEL, 'int32', [3], [-4, 0, 9]).data, [4, 0, 9]);
  assert.deepEqual(unary(ABS_KERNEL, 'float32', [0], []), { shape: [0], data: [] });
});

test('FLOOR and CEIL round toward -inf and +inf', () => {
  assert.deepEqual(unary(FLOOR_KERNEL, 'float32', [4], [1.5, -1.5, 2, -0.25]).data, [1, -2, 2, -1]);
  assert.deepEqual(unary(CEIL_KERNEL, 'float32', [4], [1.5, -1.5, 2, -0.25]).data, [2, -1, 2, -0]);
});

test('ROUND sends halves to the even neighbour, as TFLite', () => {
  assert.deepEqual(unary(ROUND_KERNEL, 'float32', [8], [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6]).data, [0, 2, 2, 0, -2, -2, 2, -3]);
});

test('SIN, COS, SQUARE and ELU agree with Math on random values', () => {
  const x = [...randomFloats(seededRandom(1), 20, -4, 4)];
  assertClose(unary(SIN_KERNEL, 'float32', [4, 5], x).data, x.map(Math.sin), 'sin');
  assertClose(unary(COS_KERNEL, 'float32', [20], x).data, x.map(Math.cos), 'cos');
  assertClose(unary(SQUARE_KERNEL, 'float32', [20], x).data, x.map((v) => v * v), 'square');
  assertClose(unary(ELU_KERNEL, 'float32', [20], x).data, x.map((v) => (v < 0 ? Math.exp(v) - 1 : v)), 'elu');
});

test('GELU exact and tanh-approximated match known values', () => {
  const exact = unary(GELU_KERNEL, 'float32', [5], [-3, -1, 0, 1, 2], { kind: 'GeluOptions', approximate: false });
  assertClose(exact.data, [-0.0040496, -0.1586553, 0, 0.8413447, 1.9544997], 'exact', 1e-6, 1e-5);
  const approx = unary(GELU_KERNEL, 'float32', [3], [-1, 1, 2], { kind: 'GeluOptions', approximate: true });
  assertClose(approx.data, [-0.158808, 0.841192, 1.954598], 'tanh', 1e-6, 1e-5);
  // No options stored means the exact form.
  assertClose(unary(GELU_KERNEL, 'float32', [1], [1]).data, [0.8413447], 'default', 1e-6);
});

test('LOG_SOFTMAX normalises each last-axis row in log space', () => {
  const out = unary(LOG_SOFTMAX_KERNEL, 'float32', [2, 3], [1, 2, 3, 1000, 1000, 1000]);
  assertClose(out.data, [-2.4076059, -1.4076059, -0.4076059, -1.0986123, -1.0986123, -1.0986123], 'log softmax');
});

test('L2_NORMALIZATION scales last-axis rows to unit length and leaves zero rows at zero', () => {
  const out = unary(L2_NORMALIZATION_KERNEL, 'float32', [1, 3, 2], [3, 4, 0, 0, -6, 8]);
  assertClose(out.data, [0.6, 0.8, 0, 0, -0.6, 0.8], 'l2');
});

test('LOCAL_RESPONSE_NORMALIZATION sums squares over the channel window', () => {
  const options: BuiltinOptions = { kind: 'LocalResponseNormalizationOptions', radius: 1, bias: 1, alpha: 0.5, beta: 1 };
  const out = unary(LOCAL_RESPONSE_NORMALIZATION_KERNEL, 'float32', [1, 1, 1, 3], [1, 2, 3], options);
  // Windows: {1,2} → 1/(1+0.5·5); {1,2,3} → 2/(1+0.5·14); {2,3} → 3/(1+0.5·13).
  assertClose(out.data, [1 / 3.5, 2 / 8, 3 / 7.5], 'lrn');
});

test('POW broadcasts; int32 powers wrap and refuse negative exponents', () => {
  assertClose(binary(POW_KERNEL, 'float32', [2, 2], [2, 3, 4, 9], [2], [2, 0.5]).data, [4, Math.sqrt(3), 16, 3], 'pow');
  assert.deepEqual(binary(POW_KERNEL, 'int32', [3], [2, -3, 7], [3], [10, 3, 0]).data, [1024, -27, 1]);
  assert.throws(() => binary(POW_KERNEL, 'int32', [1], [2], [1], [-1]), /negative/);
});

test('FLOOR_DIV and FLOOR_MOD round toward -inf and follow the divisor sign', () => {
  assert.deepEqual(binary(FLOOR_DIV_KERNEL, 'int32', [4], [7, -7, 7, -7], [4], [2, 2, -2, -2]).data, [3, -4, -4, 3]);
  assert.deepEqual(binary(FLOOR_MOD_KERNEL, 'int32', [4], [7, -7, 7, -7], [4], [3, 3, -3, -3]).data, [1, 2, -2, -1]);
  assert.deepEqual(binary(FLOOR_DIV_KERNEL, 'float32', [2, 2], [7, -7, 1, -1], [], [2]).data, [3, -4, 0, -1]);
  assertClose(binary(FLOOR_MOD_KERNEL, 'float32', [3], [5.5, -5.5, 5.5], [3], [2, 2, -2]).data, [1.5, 0.5, -0.5], 'mod');
  assert.throws(() => binary(FLOOR_DIV_KERNEL, 'int32', [1], [1], [1], [0]), /division by zero/);
});

test('PRELU scales negatives by a per-channel alpha broadcast over the input', () => {
  const out = binary(PRELU_KERNEL, 'float32', [1, 2, 2], [-1, 2, -3, -4], [2], [0.5, 2]);
  assert.deepEqual(out, { shape: [1, 2, 2], data: [-0.5, 2, -1.5, -8] });
});

test('int8 PRELU rescales both branches and stays within one step of the real result', () => {
  const q = (scale: number, zp: number) => ({ scale: [scale], zeroPoint: [zp], quantizedDimension: 0 });
  const input = [-128, -50, -10, 0, 10, 50, 127, -3];
  const alpha = [20, -40];
  const [out] = runKernel(PRELU_QUANTIZED_KERNEL, {
    inputs: [
      { dtype: 'int8', shape: [4, 2], data: input, quantization: q(0.05, -10) },
      { dtype: 'int8', shape: [2], data: alpha, quantization: q(0.01, 0), constant: true },
    ],
    outputs: [{ dtype: 'int8', quantization: q(0.04, 3) }],
  });
  input.forEach((v, i) => {
    const x = (v + 10) * 0.05;
    const real = x >= 0 ? x : x * alpha[i % 2]! * 0.01;
    const expected = Math.max(-128, Math.min(127, Math.round(real / 0.04) + 3));
    assert.ok(Math.abs((out!.data as Int8Array)[i]! - expected) <= 1, `element ${i}`);
  });
});

test('ADD_N sums any number of inputs element-wise', () => {
  const [out] = runKernel(ADD_N_KERNEL, {
    inputs: [
      { dtype: 'int32', shape: [3], data: [1, 2, 3] },
      { dtype: 'int32', shape: [3], data: [10, 20, 30] },
      { dtype: 'int32', shape: [3], data: [100, 200, 300] },
    ],
    outputs: [{ dtype: 'int32' }],
  });
  assert.deepEqual([...(out!.data as Int32Array)], [111, 222, 333]);
  assert.throws(
    () => runKernel(ADD_N_KERNEL, { inputs: [{ dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [3] }], outputs: [{ dtype: 'float32' }] }),
    /shape/,
  );
});

test('L2_POOL_2D takes the root mean square of the in-bounds taps (SAME padding, odd input)', () => {
  const [out] = runKernel(L2_POOL_2D_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [1, 3, 3, 1], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }],
    outputs: [{ dtype: 'float32' }],
    options: { kind: 'Pool2DOptions', padding: 'SAME', strideH: 2, strideW: 2, filterHeight: 2, filterWidth: 2, fusedActivation: 'NONE' },
  });
  assert.deepEqual(out!.shape, [1, 2, 2, 1]);
  const rms = (...v: number[]) => Math.sqrt(v.reduce((p, x) => p + x * x, 0) / v.length);
  assertClose(out!.data as Float32Array, [rms(1, 2, 4, 5), rms(3, 6), rms(7, 8), rms(9)], 'l2 pool');
});

test('CUMSUM runs inclusive, exclusive and reversed along an axis', () => {
  const run = (exclusive: boolean, reverse: boolean, axis: number) => {
    const [out] = runKernel(CUMSUM_KERNEL, {
      inputs: [{ dtype: 'int32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, { dtype: 'int32', shape: [], data: [axis], constant: true }],
      outputs: [{ dtype: 'int32' }],
      options: { kind: 'CumsumOptions', exclusive, reverse },
    });
    return [...(out!.data as Int32Array)];
  };
  assert.deepEqual(run(false, false, 1), [1, 3, 6, 4, 9, 15]);
  assert.deepEqual(run(true, false, 1), [0, 1, 3, 0, 4, 9]);
  assert.deepEqual(run(false, true, -1), [6, 5, 3, 15, 11, 6]);
  assert.deepEqual(run(true, true, 0), [4, 5, 6, 0, 0, 0]);
});

test('SIGN gives -1, 0 or 1 (0 for NaN); ATAN2 takes (y, x)', () => {
  assert.deepEqual(unary(SIGN_KERNEL, 'float32', [4], [-2.5, 0, 3, NaN]).data, [-1, 0, 1, 0]);
  assert.deepEqual(unary(SIGN_KERNEL, 'int32', [3], [-7, 0, 9]).data, [-1, 0, 1]);
  assertClose(binary(ATAN2_KERNEL, 'float32', [4], [1, 1, -1, 0], [4], [1, -1, -1, -2]).data, [Math.PI / 4, (3 * Math.PI) / 4, (-3 * Math.PI) / 4, Math.PI], 'atan2');
});
