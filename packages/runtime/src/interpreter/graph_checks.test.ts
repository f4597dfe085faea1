import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ModelFormatError } from '../core/errors.js';
import { BuiltinOp } from '../core/ops.js';
import type { Conv2DOptions } from '../core/options.js';
import { ModelBuilder } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

const RELU = { opcode: BuiltinOp.RELU };

function refused(m: ModelBuilder, pattern: RegExp): void {
  assert.throws(() => Interpreter.loadSync(m.build()), (e: unknown) => e instanceof ModelFormatError && pattern.test(e.message));
}

describe('load-time data-flow checks refuse malformed graphs with ModelFormatError', () => {
  test('two operators writing one tensor (the first a small RELU, the second a larger CONV_2D)', () => {
    // Before these checks, the CONV_2D's prepare resized the shared tensor and the RELU then read past its
    // input's end inside a kernel.
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [1, 2, 2, 1] });
    const shared = m.addTensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
    const big = m.addInput({ dtype: 'float32', shape: [1, 16, 16, 1] });
    const filter = m.addTensor({ dtype: 'float32', shape: [8, 1, 1, 1], data: new Float32Array(8).fill(1) });
    m.addOperator({ ...RELU, inputs: [x], outputs: [shared] });
    const conv: Conv2DOptions = {
      kind: 'Conv2DOptions', padding: 'VALID', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, fusedActivation: 'NONE',
    };
    m.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [big, filter, -1], outputs: [shared], options: conv });
    m.markOutput(shared);
    refused(m, /node 1 \(CONV_2D\) writes tensor \d+ '\w+', which node 0 already writes/);
  });

  test('an operator writing a constant', () => {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [4] });
    const c = m.addTensor({ dtype: 'float32', shape: [4], data: new Float32Array(4) });
    m.addOperator({ ...RELU, inputs: [x], outputs: [c] });
    m.markOutput(c);
    refused(m, /writes tensor \d+ '\w+', which is a constant/);
  });

  test('an operator writing a graph input', () => {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [4] });
    const y = m.addInput({ dtype: 'float32', shape: [4] });
    m.addOperator({ ...RELU, inputs: [x], outputs: [y] });
    m.markOutput(y);
    refused(m, /writes tensor \d+ '\w+', which is a graph input/);
  });

  test('an operator reading what only a later operator writes', () => {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [4] });
    const a = m.addTensor({ dtype: 'float32', shape: [4] });
    const b = m.addOutput({ dtype: 'float32', shape: [4] });
    m.addOperator({ ...RELU, inputs: [a], outputs: [b] });
    m.addOperator({ ...RELU, inputs: [x], outputs: [a] });
    refused(m, /node 0 \(RELU\) reads tensor \d+ '\w+', but only node 1 writes it, later/);
  });

  test('an operator reading its own output', () => {
    const m = new ModelBuilder();
    m.addInput({ dtype: 'float32', shape: [4] });
    const a = m.addOutput({ dtype: 'float32', shape: [4] });
    m.addOperator({ opcode: BuiltinOp.RELU, inputs: [a], outputs: [a] });
    refused(m, /reads tensor \d+ '\w+', but it is also its own output/);
  });

  test('an operator reading a tensor nothing writes', () => {
    const m = new ModelBuilder();
    m.addInput({ dtype: 'float32', shape: [4] });
    const orphan = m.addTensor({ dtype: 'float32', shape: [4] });
    const y = m.addOutput({ dtype: 'float32', shape: [4] });
    m.addOperator({ ...RELU, inputs: [orphan], outputs: [y] });
    refused(m, /reads tensor \d+ '\w+', but nothing writes it/);
  });

  test('a graph output nothing writes', () => {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [4] });
    const y = m.addOutput({ dtype: 'float32', shape: [4] });
    m.addOutput({ dtype: 'float32', shape: [4] });
    m.addOperator({ ...RELU, inputs: [x], outputs: [y] });
    refused(m, /output tensor \d+ .*is written by no operator/);
  });

  test('a well-formed graph whose outputs are an input and a constant still loads', () => {
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [2] });
    const c = m.addTensor({ dtype: 'float32', shape: [2], data: Float32Array.of(1, 2) });
    const y = m.addOutput({ dtype: 'float32', shape: [2] });
    m.addOperator({ opcode: BuiltinOp.ADD, inputs: [x, c], outputs: [y] });
    m.markOutput(x);
    m.markOutput(c);
    const it = Interpreter.loadSync(m.build());
    assert.deepEqual([...it.run([Float32Array.of(3, 4)])[0]!], [4, 6]);
  });
});
