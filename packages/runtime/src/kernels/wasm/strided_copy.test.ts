/** TRANSPOSE, SLICE and STRIDED_SLICE in wasm (tensors in the interpreter's wasm arena) against the reference kernels. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomInt, seededRandom } from '@tflite-lambda/testing';
import { allocTyped, type DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { builtinOpResolver } from '../builtin.js';
import { simdSupported } from './module.js';
import { collapseBox } from './strided_copy.js';

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

test('wasm STRIDED_SLICE and SLICE equal the reference on random boxes (negative strides, offsets, shrunk axes)', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const rand = seededRandom(92);
  for (let i = 0; i < 40; i++) {
    const dtype: DType = (['int8', 'float32', 'int16'] as const)[i % 3]!;
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 7));
    const m = new ModelBuilder();
    const x = m.addInput({ dtype, shape });
    const ints = (v: number[]) => m.addTensor({ dtype: 'int32', shape: [v.length], data: Int32Array.from(v) });
    let outShape: number[];
    if (i % 2 === 0) {
      const begin = shape.map((d) => randomInt(rand, 0, d - 1));
      const size = shape.map((d, k) => randomInt(rand, 1, d - begin[k]!));
      outShape = size;
      const y = m.addOutput({ dtype, shape: outShape });
      m.addOperator({ opcode: BuiltinOp.SLICE, inputs: [x, ints(begin), ints(size)], outputs: [y] });
    } else {
      const strides = shape.map(() => (rand() < 0.3 ? -1 : randomInt(rand, 1, 2)));
      const begin = shape.map((d, k) => (strides[k]! < 0 ? d - 1 : randomInt(rand, 0, d - 1)));
      const end = shape.map((d, k) => (strides[k]! < 0 ? -d - 1 : d));
      outShape = shape.map((_, k) => Math.max(0, Math.ceil((strides[k]! < 0 ? begin[k]! + 1 : shape[k]! - begin[k]!) / Math.abs(strides[k]!))));
      const y = m.addOutput({ dtype, shape: outShape });
      m.addOperator({ opcode: BuiltinOp.STRIDED_SLICE, inputs: [x, ints(begin), ints(end), ints(strides)], outputs: [y], options: {
        kind: 'StridedSliceOptions', beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, offset: false } });
    }
    const bytes = m.build();
    const data = allocTyped(dtype, shape.reduce((a, b) => a * b, 1)) as Int8Array;
    for (let k = 0; k < data.length; k++) data[k] = randomInt(rand, -100, 100);
    const fast = Interpreter.loadSync(bytes);
    assert.ok(fast.kernelNames[0]!.includes('wasm'), fast.kernelNames[0]);
    const [got] = fast.run([data]);
    const [want] = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) }).run([data]);
    assert.deepEqual(Array.from(got as Int8Array), Array.from(want as Int8Array), `case ${i}: [${shape}] → [${outShape}]`);
  }
});
