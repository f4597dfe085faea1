import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import type { QuantizationParams } from '../../core/model.js';
import { runKernel } from '@tflite-lambda/testing';
import { DEQUANTIZE_KERNEL } from './dequantize.js';

function dequantize(dtype: DType, shape: number[], data: number[], quantization: QuantizationParams | null): Float32Array {
  const [out] = runKernel(DEQUANTIZE_KERNEL, {
    inputs: [{ dtype, shape, data, quantization, constant: true }],
    outputs: [{ dtype: 'float32' }],
  });
  assert.deepEqual(out!.shape, shape);
  return out!.data as Float32Array;
}

const perTensor = (scale: number, zeroPoint: number): QuantizationParams => ({
  scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0,
});

test('dequantize int8 per-tensor subtracts the zero point and scales', () => {
  assert.deepEqual([...dequantize('int8', [4], [-128, -3, 0, 127], perTensor(0.5, -3))], [-62.5, 0, 1.5, 65]);
});

test('dequantize uint8 and int16 per-tensor', () => {
  assert.deepEqual([...dequantize('uint8', [3], [0, 128, 255], perTensor(0.25, 128))], [-32, 0, 31.75]);
  assert.deepEqual([...dequantize('int16', [2], [-32768, 32767], perTensor(1 / 1024, 0))], [-32, 32767 / 1024]);
});

test('dequantize result is the float32 rounding of scale · (q − zp) as TFLite computes it', () => {
  const scale = 0.1;
  const out = dequantize('int8', [1], [7], perTensor(scale, 0));
  assert.equal(out[0], Math.fround(Math.fround(scale) * 7));
});

test('dequantize int8 per-channel along axis 0 and along the last axis', () => {
  const axis0: QuantizationParams = { scale: [1, 0.5], zeroPoint: [0, 0], quantizedDimension: 0 };
  assert.deepEqual([...dequantize('int8', [2, 3], [1, 2, 3, 4, 6, 8], axis0)], [1, 2, 3, 2, 3, 4]);
  const axisLast: QuantizationParams = { scale: [1, 2, 4], zeroPoint: [0, 1, 0], quantizedDimension: 1 };
  assert.deepEqual([...dequantize('int8', [2, 3], [1, 1, 1, 2, 2, 2], axisLast)], [1, 0, 4, 2, 2, 8]);
});

test('dequantize float16 decodes half bits to float32', () => {
  assert.deepEqual([...dequantize('float16', [2, 2], [0x3c00, 0xc000, 0x3555, 0x0000], null)], [1, -2, 0.333251953125, 0]);
});

test('dequantize handles empty and rank-0 tensors', () => {
  assert.equal(dequantize('int8', [0, 4], [], perTensor(1, 0)).length, 0);
  assert.deepEqual([...dequantize('int8', [], [5], perTensor(2, 1))], [8]);
});
