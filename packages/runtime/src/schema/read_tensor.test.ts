import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ModelFormatError } from '../core/errors.js';
import { BuiltinOp } from '../core/ops.js';
import { Interpreter } from '../interpreter/interpreter.js';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { singleOpModel } from './builder/index.js';
import { readModel } from './read_model.js';

function quantizedConstant(shape: number[], quantizedDimension: number): Uint8Array {
  const n = shape.reduce((a, d) => a * d, 1);
  return singleOpModel({
    opcode: BuiltinOp.DEQUANTIZE,
    inputs: [{ dtype: 'int8', shape, data: new Int8Array(n), quantization: { scale: [0.5], zeroPoint: [0], quantizedDimension } }],
    outputs: [{ dtype: 'float32', shape }],
  });
}

test('quantized_dimension must index a dimension of the tensor, even with one scale (TFLite interpreter rule)', () => {
  assert.equal(readModel(quantizedConstant([2, 3], 1)).subgraphs[0]!.tensors[0]!.quantization!.quantizedDimension, 1);
  assert.throws(() => readModel(quantizedConstant([2, 3], 2)), (e: unknown) => e instanceof ModelFormatError && /quantized_dimension 2 is out of range for rank 2/.test(e.message));
  assert.throws(() => readModel(quantizedConstant([4], -1)), ModelFormatError);
});

test('a scalar may carry quantized_dimension 0', () => {
  assert.equal(readModel(quantizedConstant([], 0)).subgraphs[0]!.tensors[0]!.quantization!.quantizedDimension, 0);
});

test('person_detect (quantized_dimension 3 on rank-1 biases) is refused as TFLite refuses it', { skip: skipWithoutShared() }, async () => {
  await assert.rejects(Interpreter.load(join(sharedDir()!, 'wild', 'person_detect', 'model.tflite')), (e: unknown) => e instanceof ModelFormatError && /quantized_dimension 3/.test(e.message));
});
