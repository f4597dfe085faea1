/** TRANSPOSE in wasm (tensors in the interpreter's wasm arena) against the reference kernel, every dtype width. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomInt, seededRandom } from '@tflite-lambda/testing';
import { allocTyped, type DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { builtinOpResolver } from '../builtin.js';
import { simdSupported } from './module.js';
import { collapseBox } from './transpose.js';

function shuffled(rand: () => number, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(rand, 0, i);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

function transposeModel(dtype: DType, shape: number[], perm: number[]): Uint8Array {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype, shape });
  const p = m.addTensor({ dtype: 'int32', shape: [perm.length], data: Int32Array.from(perm) });
  const y = m.addOutput({ dtype, shape: perm.map((i) => shape[i]!) });
  m.addOperator({ opcode: BuiltinOp.TRANSPOSE, inputs: [x, p], outputs: [y] });
  return m.build();
}

test('wasm TRANSPOSE equals the reference on random permutations of rank 1 to 6 (1-, 2- and 4-byte elements)', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const rand = seededRandom(91);
  const dtypes: DType[] = ['int8', 'uint8', 'int16', 'float32', 'int32'];
  for (let i = 0; i < 40; i++) {
    const dtype = dtypes[i % dtypes.length]!;
    const rank = randomInt(rand, 1, 6);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 6));
    const perm = shuffled(rand, rank);
    const bytes = transposeModel(dtype, shape, perm);
    const x = allocTyped(dtype, shape.reduce((a, b) => a * b, 1)) as Exclude<ReturnType<typeof allocTyped>, BigInt64Array>;
    for (let k = 0; k < x.length; k++) x[k] = randomInt(rand, -100, 100);
    const fast = Interpreter.loadSync(bytes);
    assert.ok(fast.kernelNames[0]!.includes('wasm'), fast.kernelNames[0]);
    const [got] = fast.run([x]);
    const [want] = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) }).run([x]);
    assert.deepEqual(Array.from(got as Int32Array), Array.from(want as Int32Array), `case ${i}: [${shape}] perm [${perm}]`);
  }
});

test('collapsing a strided box drops unit dimensions and merges contiguous ones', () => {
  // [2,1,3,4] read in order: one run of 24.
  assert.deepEqual(collapseBox({ shape: [2, 1, 3, 4], strides: [12, 12, 4, 1], offset: 0 }), { shape: [24], strides: [1] });
  // NHWC → NCHW of [1,5,6,3]: output [1,3,5,6] strides [_,1,18,3] → H and W merge.
  assert.deepEqual(collapseBox({ shape: [1, 3, 5, 6], strides: [90, 1, 18, 3], offset: 0 }), { shape: [3, 30], strides: [1, 3] });
});
