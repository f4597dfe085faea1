import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import { runKernel } from '@tflite-lambda/testing';
import { elu } from './elu.js';
import { ELU_QUANTIZED_KERNEL } from './elu_quantized.js';
import { geluExact } from './gelu.js';
import { GELU_QUANTIZED_KERNEL } from './gelu_quantized.js';
import { MAXIMUM_QUANTIZED_KERNEL } from './maximum_quantized.js';
import { L2_NORMALIZATION_QUANTIZED_KERNEL } from './l2_normalization_quantized.js';
import { MINIMUM_QUANTIZED_KERNEL } from './minimum_quantized.js';

const q = (scale: number, zeroPoint: number): QuantizationParams => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });
const allInt8 = Array.from({ length: 256 }, (_, i) => i - 128);

/** quantize(f(dequantize(v))) with round half away from zero, clamped to int8: the table's definition. */
function expectedTable(f: (x: number) => number, inQ: QuantizationParams, outQ: QuantizationParams): number[] {
  return allInt8.map((v) => {
    const y = f((v - inQ.zeroPoint[0]!) * inQ.scale[0]!) / outQ.scale[0]!;
    return Math.max(-128, Math.min(127, Math.sign(y) * Math.round(Math.abs(y)) + outQ.zeroPoint[0]!));
  });
}

test('int8 ELU maps every code through the float function within one step', () => {
  const inQ = q(0.05, 10);
  const outQ = q(0.04, -20);
  const [out] = runKernel(ELU_QUANTIZED_KERNEL, { inputs: [{ dtype: 'int8', shape: [256], data: allInt8, quantization: inQ }], outputs: [{ dtype: 'int8', quantization: outQ }] });
  const expected = expectedTable(elu, inQ, outQ);
  (out!.data as Int8Array).forEach((v, i) => { assert.ok(Math.abs(v - expected[i]!) <= 1, `code ${i - 128}: ${v} vs ${expected[i]}`); });
  assert.throws(() => runKernel(ELU_QUANTIZED_KERNEL, { inputs: [{ dtype: 'uint8', shape: [1], quantization: inQ }], outputs: [{ dtype: 'uint8', quantization: outQ }] }), /does not support/);
});

test('int8 GELU maps every code through the exact float function within one step', () => {
  const inQ = q(0.03, 0);
  const outQ = q(0.02, -60);
  const [out] = runKernel(GELU_QUANTIZED_KERNEL, { inputs: [{ dtype: 'int8', shape: [16, 16], data: allInt8, quantization: inQ }], outputs: [{ dtype: 'int8', quantization: outQ }] });
  assert.deepEqual(out!.shape, [16, 16]);
  const expected = expectedTable(geluExact, inQ, outQ);
  (out!.data as Int8Array).forEach((v, i) => { assert.ok(Math.abs(v - expected[i]!) <= 1, `code ${i - 128}`); });
});

test('quantized MAXIMUM and MINIMUM compare raw codes with broadcasting when parameters are shared', () => {
  const p = q(0.1, 5);
  const inputs = [
    { dtype: 'uint8' as const, shape: [2, 2], data: [0, 200, 7, 9], quantization: p },
    { dtype: 'uint8' as const, shape: [2], data: [8, 100], quantization: p },
  ];
  const [max] = runKernel(MAXIMUM_QUANTIZED_KERNEL, { inputs, outputs: [{ dtype: 'uint8', quantization: p }] });
  const [min] = runKernel(MINIMUM_QUANTIZED_KERNEL, { inputs, outputs: [{ dtype: 'uint8', quantization: p }] });
  assert.deepEqual([...max!.data], [8, 200, 8, 100]);
  assert.deepEqual([...min!.data], [0, 100, 7, 9]);
  assert.throws(() => runKernel(MAXIMUM_QUANTIZED_KERNEL, { inputs, outputs: [{ dtype: 'uint8', quantization: q(0.2, 5) }] }), /does not support/);
});

test('int8 L2_NORMALIZATION gives 128·d/‖d‖ at TFLite’s fixed output scale and refuses other output parameters', () => {
  const run = (outQ: QuantizationParams) => runKernel(L2_NORMALIZATION_QUANTIZED_KERNEL, {
    inputs: [{ dtype: 'int8', shape: [2, 2], data: [13, 14, 10, 10], quantization: q(0.1, 10) }],
    outputs: [{ dtype: 'int8', quantization: outQ }],
  });
  // Rows (3, 4) → (76.8, 102.4) and (0, 0) → (0, 0).
  assert.deepEqual([...run(q(1 / 128, 0))[0]!.data], [77, 102, 0, 0]);
  assert.throws(() => run(q(0.01, 0)), /1\/128/);
});
