import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Interpreter } from '../../interpreter/interpreter.js';
import { BuiltinOp } from '../../core/ops.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import type { Conv2DOptions } from '../../core/options.js';
import { randomFloats, seededRandom } from '@tflite-lambda/testing';
import { simdSupported } from './module.js';
import { builtinOpResolver } from '../builtin.js';

const [C, O] = [32, 64];
const CONV: Conv2DOptions = {
  kind: 'Conv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, fusedActivation: 'RELU',
};

/** input [-1,6,6,C] → CONV_2D 3×3 (O filters, ~74 KB) → FULLY_CONNECTED; the filter float32 or float16 + DEQUANTIZE. */
function model(float16Filter: boolean): Uint8Array {
  const rand = seededRandom(5);
  const m = new ModelBuilder();
  const input = m.addInput({ dtype: 'float32', shape: [1, 6, 6, C], shapeSignature: [-1, 6, 6, C] });
  const values = randomFloats(rand, O * 9 * C, -0.2, 0.2);
  let filter: number;
  if (float16Filter) {
    // 0x3000 + k: small positive halves, enough to give every output channel its own weights.
    const halves = Uint16Array.from(values, (_, i) => 0x2c00 + (i % 997));
    const f16 = m.addTensor({ dtype: 'float16', shape: [O, 3, 3, C], data: halves });
    filter = m.addTensor({ dtype: 'float32', shape: [O, 3, 3, C] });
    m.addOperator({ opcode: BuiltinOp.DEQUANTIZE, inputs: [f16], outputs: [filter] });
  } else {
    filter = m.addTensor({ dtype: 'float32', shape: [O, 3, 3, C], data: values });
  }
  const bias = m.addTensor({ dtype: 'float32', shape: [O], data: randomFloats(rand, O) });
  const conv = m.addTensor({ dtype: 'float32', shape: [1, 6, 6, O] });
  m.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [input, filter, bias], outputs: [conv], options: CONV });
  const w = m.addTensor({ dtype: 'float32', shape: [10, 6 * 6 * O], data: randomFloats(rand, 10 * 6 * 6 * O, -0.05, 0.05) });
  const out = m.addOutput({ dtype: 'float32', shape: [1, 10] });
  m.addOperator({ opcode: BuiltinOp.FULLY_CONNECTED, inputs: [conv, w, -1], outputs: [out] });
  return m.build();
}

for (const float16 of [false, true]) {
  test(`re-preparing after resizes reuses packed weights: wasm memory stays put (${float16 ? 'float16 filter, folded' : 'float32 filter'})`, { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
    const it = Interpreter.loadSync(model(float16));
    const image = randomFloats(seededRandom(7), 6 * 6 * C);
    const run = (batch: number): Float32Array => {
      it.resizeInputTensor(0, [batch, 6, 6, C]);
      it.allocateTensors();
      const x = new Float32Array(batch * image.length);
      for (let b = 0; b < batch; b++) x.set(image, b * image.length);
      it.setTensor(0, x);
      it.invoke();
      return it.getTensor(it.getOutputDetails()[0]!.index) as Float32Array;
    };
    const first = run(1);
    run(3); // the largest shape: scratch reaches its final size
    const bytes = it.wasmMemoryBytes;
    for (let round = 0; round < 40; round++) {
      const batch = 1 + (round % 3);
      const y = run(batch);
      for (let b = 0; b < batch; b++) assert.deepEqual(y.subarray(b * 10, b * 10 + 10), first, `round ${round} image ${b}`);
    }
    // Without reuse, 40 re-packs of the 74 KB filter and 92 KB of dense weights would add ~6.6 MB.
    assert.equal(it.wasmMemoryBytes, bytes);
  });
}

test('a CONV_2D whose filter is a DEQUANTIZE of float16 constants runs on the packed wasm kernel', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const bytes = model(true);
  const fast = Interpreter.loadSync(bytes);
  const reference = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) });
  assert.ok(fast.kernelNames.includes('CONV_2D (float32, wasm simd)'), fast.kernelNames.join(', '));
  const x = randomFloats(seededRandom(9), 6 * 6 * C);
  const [y] = fast.run([x]) as Float32Array[];
  const [want] = reference.run([x]) as Float32Array[];
  for (let i = 0; i < want!.length; i++) assert.ok(Math.abs(y![i]! - want![i]!) <= 1e-4 + 1e-4 * Math.abs(want![i]!), `output ${i}`);
});

/** The MediaPipe sparse form: float16 filter stored sparse (CSR over the input channels) → DENSIFY → DEQUANTIZE → CONV_2D. */
function sparseFloat16Model(): Uint8Array {
  const rand = seededRandom(11);
  const m = new ModelBuilder();
  const input = m.addInput({ dtype: 'float32', shape: [1, 6, 6, C] });
  // Every other input channel holds a weight; the rest are the zeros sparsity leaves out.
  const kept = Array.from({ length: C / 2 }, (_, k) => 2 * k);
  const rows = O * 9;
  const halves = Uint16Array.from({ length: rows * kept.length }, (_, i) => 0x2c00 + (i % 997));
  const segments = Uint16Array.from({ length: rows + 1 }, (_, r) => r * kept.length);
  const indices = Uint16Array.from({ length: rows * kept.length }, (_, i) => kept[i % kept.length]!);
  const sparse = m.addTensor({
    dtype: 'float16', shape: [O, 3, 3, C], data: halves,
    sparsity: {
      traversalOrder: [0, 1, 2, 3], blockMap: [],
      dimMetadata: [
        { format: 'DENSE', denseSize: O }, { format: 'DENSE', denseSize: 3 }, { format: 'DENSE', denseSize: 3 },
        { format: 'SPARSE_CSR', arraySegments: segments, arrayIndices: indices },
      ],
    },
  });
  const dense16 = m.addTensor({ dtype: 'float16', shape: [O, 3, 3, C] });
  m.addOperator({ opcode: BuiltinOp.DENSIFY, inputs: [sparse], outputs: [dense16] });
  const filter = m.addTensor({ dtype: 'float32', shape: [O, 3, 3, C] });
  m.addOperator({ opcode: BuiltinOp.DEQUANTIZE, inputs: [dense16], outputs: [filter] });
  const bias = m.addTensor({ dtype: 'float32', shape: [O], data: randomFloats(rand, O) });
  const out = m.addOutput({ dtype: 'float32', shape: [1, 6, 6, O] });
  m.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [input, filter, bias], outputs: [out], options: CONV });
  return m.build();
}

test('a CONV_2D whose filter is a DEQUANTIZE of a DENSIFY of sparse float16 constants runs on the packed wasm kernel', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const bytes = sparseFloat16Model();
  const fast = Interpreter.loadSync(bytes);
  const reference = Interpreter.loadSync(bytes, { resolver: builtinOpResolver({ simd: false }) });
  assert.ok(fast.kernelNames.includes('CONV_2D (float32, wasm simd)'), fast.kernelNames.join(', '));
  const x = randomFloats(seededRandom(13), 6 * 6 * C);
  const [y] = fast.run([x]) as Float32Array[];
  const [want] = reference.run([x]) as Float32Array[];
  for (let i = 0; i < want!.length; i++) assert.ok(Math.abs(y![i]! - want![i]!) <= 1e-4 + 1e-4 * Math.abs(want![i]!), `output ${i}`);
});
