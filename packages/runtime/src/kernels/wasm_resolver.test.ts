import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp } from '../core/ops.js';
import type { NodeSignature, RuntimeTensor } from './kernel.js';
import { builtinOpResolver } from './builtin.js';
import { wasmOpResolver } from './wasm_resolver.js';

function tensor(index: number, shape: number[], isConstant: boolean): RuntimeTensor {
  return { index, name: `t${index}`, dtype: 'float32', shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)), quantization: null, isConstant };
}

const conv: NodeSignature & { opcode: number } = {
  opcode: BuiltinOp.CONV_2D, index: 0, opName: 'CONV_2D', version: 1, options: null,
  inputs: [tensor(0, [1, 5, 5, 3], false), tensor(1, [4, 3, 3, 3], true), null],
  outputs: [tensor(2, [1, 3, 3, 4], false)],
};

test('the wasm resolver and the default builtin resolver pick the SIMD convolution', () => {
  assert.equal(wasmOpResolver().resolve(conv)?.name, 'CONV_2D (float32, wasm simd)');
  assert.equal(builtinOpResolver().resolve(conv)?.name, 'CONV_2D (float32, wasm simd)');
});

test('builtinOpResolver({ simd: false }) keeps the TypeScript kernels', () => {
  assert.equal(builtinOpResolver({ simd: false }).resolve(conv)?.name, 'CONV_2D (float32, reference)');
});

test('a convolution with a non-constant filter falls back to the reference kernel', () => {
  const dynamic = { ...conv, inputs: [conv.inputs[0]!, tensor(1, [4, 3, 3, 3], false), null] };
  assert.equal(wasmOpResolver().resolve(dynamic)?.name, 'CONV_2D (float32, reference)');
});
