import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';

function uniformModel(seed: bigint, seed2: bigint): Uint8Array {
  const m = new ModelBuilder();
  const shape = m.addTensor({ dtype: 'int32', shape: [1], data: Int32Array.of(6) });
  const y = m.addOutput({ dtype: 'float32', shape: [6] });
  m.addOperator({ opcode: BuiltinOp.RANDOM_UNIFORM, inputs: [shape], outputs: [y], options: { kind: 'RandomOptions', seed, seed2 } });
  return m.build();
}

function draws(model: Uint8Array, invokes: number): number[][] {
  const it = Interpreter.loadSync(model);
  it.allocateTensors();
  return Array.from({ length: invokes }, () => {
    it.invoke();
    return [...(it.getTensor(it.getOutputDetails()[0]!.index) as Float32Array)];
  });
}

test('a random op with constant inputs is not folded: every invoke draws new values', () => {
  const [a, b] = draws(uniformModel(5n, 6n), 2);
  assert.notDeepEqual(a, b);
  assert.ok(a!.every((v) => v >= 0 && v < 1));
});

test('the same seeds give the same stream in a fresh interpreter', () => {
  assert.deepEqual(draws(uniformModel(5n, 6n), 2), draws(uniformModel(5n, 6n), 2));
});

test('seeds of 0 and 0 draw from the platform\'s random source, as TFLite does', () => {
  assert.notDeepEqual(draws(uniformModel(0n, 0n), 1), draws(uniformModel(0n, 0n), 1));
});
