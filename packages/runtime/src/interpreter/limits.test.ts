import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ComputeLimitError, InternalError, TfliteError } from '../core/errors.js';
import { BuiltinOp } from '../core/ops.js';
import type { Conv2DOptions } from '../core/options.js';
import { builtinOpResolver } from '../kernels/builtin.js';
import { TYPESCRIPT_SLOWDOWN, type KernelRegistration } from '../kernels/kernel.js';
import { ModelBuilder } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

const CONV: Conv2DOptions = {
  kind: 'Conv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, fusedActivation: 'NONE',
};

/** input [1,H,W,C] → CONV_2D 3×3 with O filters → [1,H,W,O], input resizable. */
function convModel(h: number, w: number, c = 3, o = 16): Uint8Array {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'float32', shape: [1, h, w, c], shapeSignature: [1, -1, -1, c] });
  const filter = m.addTensor({ dtype: 'float32', shape: [o, 3, 3, c], data: new Float32Array(o * 9 * c).fill(0.01) });
  const y = m.addOutput({ dtype: 'float32', shape: [1, h, w, o] });
  m.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [x, filter, -1], outputs: [y], options: CONV });
  return m.build();
}

describe('the compute budget', () => {
  test('counts a convolution as output elements × filter taps × input channels (× the TypeScript slowdown off SIMD)', () => {
    const it = Interpreter.loadSync(convModel(10, 12));
    it.allocateTensors();
    const weight = it.kernelNames[0]!.includes('wasm simd') ? 1 : TYPESCRIPT_SLOWDOWN;
    assert.equal(it.estimatedWork, 10 * 12 * 16 * (3 * 3 * 3) * weight);
  });

  test('refuses a model over it with ComputeLimitError, and a resize over it at allocateTensors()', () => {
    const probe = Interpreter.loadSync(convModel(10, 12));
    probe.allocateTensors();
    const work = probe.estimatedWork;
    assert.throws(() => Interpreter.loadSync(convModel(10, 12), { computeBudget: work - 1 }).allocateTensors(), ComputeLimitError);
    const it = Interpreter.loadSync(convModel(10, 12), { computeBudget: work });
    it.allocateTensors();
    it.resizeInputTensor(0, [1, 4000, 4000, 3]);
    assert.throws(() => it.allocateTensors(), (e: unknown) => e instanceof ComputeLimitError && /multiply-adds/.test(e.message));
  });

  test('the default budget refuses a hostile resize that fits in memory but would run for minutes', () => {
    // 512×512×256 float32 in and out (256 MiB each, inside the arena limit), 1.5e11 multiply-adds.
    const it = Interpreter.loadSync(convModel(8, 8, 256, 256));
    it.resizeInputTensor(0, [1, 512, 512, 256]);
    assert.throws(() => it.allocateTensors(), ComputeLimitError);
  });

  test('computeBudget must be a positive finite number', () => {
    for (const bad of [Number.NaN, 0, -5, Number.POSITIVE_INFINITY]) {
      assert.throws(() => Interpreter.loadSync(convModel(2, 2), { computeBudget: bad }), /computeBudget/);
    }
  });
});

describe('a kernel failing in a way its checks did not foresee', () => {
  test('is an InternalError naming the node, with the original as cause — not "unsupported"', () => {
    const broken: KernelRegistration<null, null> = {
      op: BuiltinOp.RELU,
      name: 'RELU (broken)',
      parseOptions: () => null,
      prepare: (node) => {
        node.outputs[0]!.shape = [...node.inputs[0]!.shape];
        return null;
      },
      eval: () => {
        throw new RangeError('offset is out of bounds');
      },
    };
    const m = new ModelBuilder();
    const x = m.addInput({ dtype: 'float32', shape: [4] });
    const y = m.addOutput({ dtype: 'float32', shape: [4] });
    m.addOperator({ opcode: BuiltinOp.RELU, inputs: [x], outputs: [y] });
    const it = Interpreter.loadSync(m.build(), { resolver: builtinOpResolver().add(broken) });
    it.allocateTensors();
    assert.throws(() => it.invoke(), (e: unknown) =>
      e instanceof InternalError && e instanceof TfliteError && e.code === 'INTERNAL' && e.cause instanceof RangeError &&
      /node 0 \(RELU \(broken\)\)/.test(e.message) && !/unsupported/i.test(e.message));
  });
});
