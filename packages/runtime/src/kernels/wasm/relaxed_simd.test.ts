/**
 * The relaxed-SIMD kernel module (fused float multiply-adds) against the plain-SIMD one on a model whose
 * convolution, depthwise, transposed convolution and dense layers all run on the float kernels. On an engine
 * without relaxed SIMD by default (Node 20) this file runs itself again in a child with
 * --experimental-wasm-relaxed-simd.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { randomFloats, seededRandom } from '@tflite-lambda/testing';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { WasmContext } from './context.js';
import { relaxedSimdSupported, simdSupported } from './module.js';

const FLAG = '--experimental-wasm-relaxed-simd';

/** [1,12,12,5] → CONV_2D 3×3 (7) → DEPTHWISE 3×3 → TRANSPOSE_CONV 2×2/2 (3) → FULLY_CONNECTED (10). */
function floatModel(): Uint8Array {
  const rand = seededRandom(81);
  const m = new ModelBuilder();
  const w = (shape: number[]) => m.addTensor({ dtype: 'float32', shape, data: randomFloats(rand, shape.reduce((a, b) => a * b, 1), -0.5, 0.5) });
  const act = (shape: number[]) => m.addTensor({ dtype: 'float32', shape });
  const x = m.addInput({ dtype: 'float32', shape: [1, 12, 12, 5] });
  const conv = act([1, 12, 12, 7]);
  m.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [x, w([7, 3, 3, 5]), w([7])], outputs: [conv], options: {
    kind: 'Conv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, fusedActivation: 'RELU' } });
  const dw = act([1, 12, 12, 7]);
  m.addOperator({ opcode: BuiltinOp.DEPTHWISE_CONV_2D, inputs: [conv, w([1, 3, 3, 7]), w([7])], outputs: [dw], options: {
    kind: 'DepthwiseConv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, depthMultiplier: 1, fusedActivation: 'NONE' } });
  const up = act([1, 24, 24, 3]);
  const shape = m.addTensor({ dtype: 'int32', shape: [4], data: new Int32Array([1, 24, 24, 3]) });
  m.addOperator({ opcode: BuiltinOp.TRANSPOSE_CONV, inputs: [shape, w([3, 2, 2, 7]), dw], outputs: [up], options: {
    kind: 'TransposeConvOptions', padding: 'SAME', strideH: 2, strideW: 2, fusedActivation: 'NONE' } });
  const y = m.addOutput({ dtype: 'float32', shape: [1, 10] });
  m.addOperator({ opcode: BuiltinOp.FULLY_CONNECTED, inputs: [up, w([10, 24 * 24 * 3]), w([10])], outputs: [y] });
  return m.build();
}

function runWith(relaxedSimd: boolean, bytes: Uint8Array, x: Float32Array): Float32Array {
  using memory = new WasmContext({ relaxedSimd });
  using it = Interpreter.loadSync(bytes, { memory });
  return it.run([x])[0] as Float32Array;
}

test('the relaxed-SIMD kernels agree with the plain-SIMD ones within float tolerance', { skip: !simdSupported() && 'no WebAssembly SIMD' }, (t) => {
  if (!relaxedSimdSupported()) {
    // A child of the test runner would report to it over its own protocol: make it a plain TAP run.
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const child = spawnSync(process.execPath, [FLAG, '--test', '--test-reporter=tap', fileURLToPath(import.meta.url)], { encoding: 'utf8', env });
    if (/bad option|unknown option/i.test(child.stderr)) return t.skip(`this Node has no ${FLAG}`);
    assert.equal(child.status, 0, `child with ${FLAG} failed:\n${child.stdout}\n${child.stderr}`);
    assert.match(child.stdout, /# pass 1/, 'the child ran the comparison');
    return;
  }
  const bytes = floatModel();
  const x = randomFloats(seededRandom(82), 12 * 12 * 5, -1, 1);
  const plain = runWith(false, bytes, x);
  const fused = runWith(true, bytes, x);
  for (let i = 0; i < plain.length; i++) {
    assert.ok(Math.abs(plain[i]! - fused[i]!) <= 1e-4 + 1e-4 * Math.abs(plain[i]!), `output ${i}: ${fused[i]} vs ${plain[i]}`);
  }
});

test('asking for relaxed SIMD where the engine lacks it is an UnsupportedError', { skip: relaxedSimdSupported() && 'this engine has relaxed SIMD' }, () => {
  assert.throws(() => new WasmContext({ relaxedSimd: true }), /relaxed SIMD is not available/);
});
