/**
 * Hand-checked cases for the kernels the op-version audit added (their bit-exactness against LiteRT.js is
 * the testing package's audit-gaps differential family): quantized ABS, RSQRT, EXP, SQUARED_DIFFERENCE, DIV,
 * REDUCE_PROD and BATCH_MATMUL, int64 and raw int8 arithmetic, int16 RESIZE_BILINEAR and TRANSPOSE_CONV, and
 * the hybrid EMBEDDING_LOOKUP.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runKernel, type TestTensorSpec } from '@tflite-lambda/testing';
import type { QuantizationParams } from '../../core/model.js';
import type { BuiltinOptions } from '../../core/options.js';
import type { DType } from '../../core/dtype.js';
import type { KernelRegistration } from '../kernel.js';
import { EMBEDDING_LOOKUP_HYBRID_KERNEL } from '../reference/embedding_lookup.js';
import { FLOOR_DIV_SMALL_INT_KERNEL } from '../reference/floor_div.js';
import { ADD_INT64_KERNEL, FLOOR_MOD_INT64_KERNEL, MUL_INT64_KERNEL, NEG_INT64_KERNEL } from '../reference/int64_arithmetic.js';
import { RESIZE_BILINEAR_INT16_KERNEL } from '../reference/resize_bilinear_int16.js';
import { TRANSPOSE_CONV_INT16_KERNEL } from '../reference/transpose_conv_quantized.js';
import { BATCH_MATMUL_QUANTIZED_KERNEL } from './batch_matmul.js';
import { DIV_UINT8_KERNEL } from './div.js';
import { ABS_QUANTIZED_KERNEL, EXP_QUANTIZED_KERNEL, RSQRT_INT16_KERNEL, RSQRT_INT8_KERNEL } from './elementwise_math.js';
import { REDUCE_PROD_QUANTIZED_KERNEL } from './reduce_prod.js';
import { SQUARED_DIFFERENCE_INT8_KERNEL } from './squared_difference.js';

const q = (scale: number, zeroPoint = 0): QuantizationParams => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });

function run<O, D>(
  reg: KernelRegistration<O, D>, inputs: TestTensorSpec[], out: { dtype: DType; quantization?: QuantizationParams }, options: BuiltinOptions | null = null,
): { shape: number[]; data: number[] } {
  const [o] = runKernel(reg, { inputs, outputs: [out], options });
  return { shape: o!.shape, data: Array.from(o!.data as ArrayLike<number | bigint>, Number) };
}

test('quantized ABS offsets, takes |x| and rescales only when the scales differ', () => {
  const x = { dtype: 'int8' as const, shape: [4], data: [-128, -3, 7, 127], quantization: q(0.1, 5) };
  assert.deepEqual(run(ABS_QUANTIZED_KERNEL, [x], { dtype: 'int8', quantization: q(0.1, 5) }).data, [127, 13, 7, 127]);
  // Doubling the scale halves |x − zp|: 133 → 66.5, rounded away from zero to 67.
  assert.deepEqual(run(ABS_QUANTIZED_KERNEL, [x], { dtype: 'int8', quantization: q(0.2, -128) }).data, [-61, -124, -127, -67]);
  const plain = { dtype: 'int16' as const, shape: [3], data: [-32768, -5, 9] };
  assert.deepEqual(run(ABS_QUANTIZED_KERNEL, [plain], { dtype: 'int16' }).data, [-32768, 5, 9]);
});

test('RSQRT int8 gives the top code at the zero point and refuses values below it', () => {
  const x = (data: number[]) => ({ dtype: 'int8' as const, shape: [data.length], data, quantization: q(0.25, -128) });
  // 1/√(0.25·4) = 1 → code 1/0.05 − 128 = −108; 1/√(0.25·16) = 0.5 → −118.
  assert.deepEqual(run(RSQRT_INT8_KERNEL, [x([-128, -124, -112])], { dtype: 'int8', quantization: q(0.05, -128) }).data, [127, -108, -118]);
  assert.throws(() => run(RSQRT_INT16_KERNEL, [{ dtype: 'int16', shape: [1], data: [-1], quantization: q(0.01) }], { dtype: 'int16', quantization: q(0.01) }), /non-negative/);
});

test('EXP int8 reads its table: e^0 = 1 and e^1 at the output scale', () => {
  const x = { dtype: 'int8' as const, shape: [2], data: [0, 10], quantization: q(0.1) };
  assert.deepEqual(run(EXP_QUANTIZED_KERNEL, [x], { dtype: 'int8', quantization: q(1 / 32, -128) }).data, [-96, -41]);
});

test('SQUARED_DIFFERENCE int8 on a common scale', () => {
  const a = { dtype: 'int8' as const, shape: [3], data: [10, -10, 0], quantization: q(0.1) };
  const b = { dtype: 'int8' as const, shape: [1], data: [0], quantization: q(0.1) };
  assert.deepEqual(run(SQUARED_DIFFERENCE_INT8_KERNEL, [a, b], { dtype: 'int8', quantization: q(0.01) }).data, [100, 100, 0]);
});

test('DIV uint8: quotients, and the x = zero point quirk of the shifts beyond 31', () => {
  const a = { dtype: 'uint8' as const, shape: [3], data: [138, 118, 128], quantization: q(0.1, 128) };
  const b = { dtype: 'uint8' as const, shape: [1], data: [200], quantization: q(0.1, 0) };
  const options = { kind: 'DivOptions', fusedActivation: 'NONE', potScaleInt16: true } as BuiltinOptions;
  // ±10/200 = ±0.05 → ±6.4 codes.
  assert.deepEqual(run(DIV_UINT8_KERNEL, [a, b], { dtype: 'uint8', quantization: q(1 / 128, 128) }, options).data, [134, 122, 128]);
  // At output scale 1/16 the total shift of 0/200 passes 31: one code above the zero point, as in LiteRT.
  assert.deepEqual(run(DIV_UINT8_KERNEL, [a, b], { dtype: 'uint8', quantization: q(1 / 16, 128) }, options).data, [129, 127, 129]);
  assert.throws(() => run(DIV_UINT8_KERNEL, [a, { ...b, data: [0] }], { dtype: 'uint8', quantization: q(1) }), /division by zero/);
});

test('REDUCE_PROD int8 rescales every factor by inScale / outScale^(1/n)', () => {
  const x = { dtype: 'int8' as const, shape: [2, 2], data: [4, 8, -4, 2], quantization: q(0.5) };
  const axes = { dtype: 'int32' as const, shape: [1], data: [1], constant: true };
  // (2·4) = 8 and (−2·1) = −2 at output scale 0.25: codes 32 and −8.
  assert.deepEqual(run(REDUCE_PROD_QUANTIZED_KERNEL, [x, axes], { dtype: 'int8', quantization: q(0.25) }, { kind: 'ReducerOptions', keepDims: false }), { shape: [2], data: [32, -8] });
});

test('BATCH_MATMUL int8 sums offset products and requantizes', () => {
  const lhs = { dtype: 'int8' as const, shape: [1, 2], data: [3, 5], quantization: q(0.5, 1) };
  const rhs = { dtype: 'int8' as const, shape: [2, 2], data: [2, 0, 1, -4], quantization: q(0.25) };
  // (2·2 + 4·1)·0.125 = 1, (2·0 + 4·−4)·0.125 = −2, at output scale 0.5.
  assert.deepEqual(run(BATCH_MATMUL_QUANTIZED_KERNEL, [lhs, rhs], { dtype: 'int8', quantization: q(0.5) }), { shape: [1, 2], data: [2, -4] });
});

test('int64 arithmetic wraps, clamps a fused activation, and FLOOR_MOD takes the divisor sign', () => {
  const big = { dtype: 'int64' as const, shape: [2], data: [2 ** 62, -7] };
  const two = { dtype: 'int64' as const, shape: [1], data: [2] };
  assert.deepEqual(run(MUL_INT64_KERNEL, [big, two], { dtype: 'int64' }).data, [-(2 ** 63), -14]);
  const relu = { kind: 'AddOptions', fusedActivation: 'RELU', potScaleInt16: true } as BuiltinOptions;
  assert.deepEqual(run(ADD_INT64_KERNEL, [big, two], { dtype: 'int64' }, relu).data, [2 ** 62 + 2, 0]);
  const negThree = { dtype: 'int64' as const, shape: [1], data: [-3] };
  assert.deepEqual(run(FLOOR_MOD_INT64_KERNEL, [big, negThree], { dtype: 'int64' }).data, [-2, -1]);
  assert.deepEqual(run(NEG_INT64_KERNEL, [big], { dtype: 'int64' }).data, [-(2 ** 62), 7]);
});

test('FLOOR_DIV on raw int8 floors and wraps −128 / −1', () => {
  const a = { dtype: 'int8' as const, shape: [3], data: [-7, 7, -128] };
  const b = { dtype: 'int8' as const, shape: [3], data: [2, -2, -1] };
  assert.deepEqual(run(FLOOR_DIV_SMALL_INT_KERNEL, [a, b], { dtype: 'int8' }).data, [-4, -4, -128]);
});

test('RESIZE_BILINEAR int16 interpolates in 10-bit fixed point, rounding half away', () => {
  const x = { dtype: 'int16' as const, shape: [1, 1, 2, 1], data: [-3, 0] };
  const size = { dtype: 'int32' as const, shape: [2], data: [1, 4], constant: true };
  const options = { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: false } as BuiltinOptions;
  // Source x = 0, 0.5, 1, 1.5: −3, −1.5 → −2, 0, 0.
  assert.deepEqual(run(RESIZE_BILINEAR_INT16_KERNEL, [x, size], { dtype: 'int16' }, options).data, [-3, -2, 0, 0]);
});

test('TRANSPOSE_CONV 16x8 accumulates beyond int32 before requantizing', () => {
  const shape = { dtype: 'int32' as const, shape: [4], data: [1, 1, 1, 1], constant: true };
  const filter = { dtype: 'int8' as const, shape: [1, 1, 1, 4], data: [127, 127, 127, 127], constant: true, quantization: q(1) };
  const x = { dtype: 'int16' as const, shape: [1, 1, 1, 4], data: [32767, 32767, 32767, 32767], quantization: q(1) };
  const bias = { dtype: 'int64' as const, shape: [1], data: [2 ** 33], constant: true, quantization: q(1) };
  const options = { kind: 'TransposeConvOptions', padding: 'VALID', strideH: 1, strideW: 1, fusedActivation: 'NONE' } as BuiltinOptions;
  // 4·127·32767 + 2^33 = 8606582532 ≈ 2^33; at output scale 2^20: 8208 (an int32 sum would have wrapped).
  const out = run(TRANSPOSE_CONV_INT16_KERNEL, [shape, filter, x, bias], { dtype: 'int16', quantization: q(2 ** 20) }, options);
  assert.deepEqual(out.data, [8208]);
});

test('hybrid EMBEDDING_LOOKUP scales rows, reading uint8 codes as int8 like TFLite', () => {
  const ids = { dtype: 'int32' as const, shape: [2], data: [1, 0] };
  const table = { dtype: 'uint8' as const, shape: [2, 2], data: [1, 2, 200, 3], constant: true, quantization: q(0.5) };
  assert.deepEqual(run(EMBEDDING_LOOKUP_HYBRID_KERNEL, [ids, table], { dtype: 'float32' }).data, [-28, 1.5, 0.5, 1]);
});
