import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorpusModel, skipWithoutShared, compareTensors, numericValue, type HostTensor } from '@tflite-lambda/testing';
import { BuiltinOp } from '../core/ops.js';
import { TYPESCRIPT_SLOWDOWN } from '../kernels/kernel.js';
import { ModelBuilder } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

const skip = skipWithoutShared();

/** SVDF with identity feature weights and all-ones time weights over a memory of 3: y = sum of the last 3 inputs. */
function svdfModel(): Uint8Array {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [1, 2] });
  const feature = b.addTensor({ name: 'wf', dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 0, 0, 1]) });
  const time = b.addTensor({ name: 'wt', dtype: 'float32', shape: [2, 3], data: new Float32Array([1, 1, 1, 1, 1, 1]) });
  const state = b.addTensor({ name: 'state', dtype: 'float32', shape: [1, 6], isVariable: true });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [1, 2] });
  b.addOperator({ opcode: BuiltinOp.SVDF, inputs: [x, feature, time, -1, state], outputs: [y], options: { kind: 'SVDFOptions', rank: 1, fusedActivation: 'NONE', asymmetricQuantizeInputs: false } });
  return b.build();
}

const values = (it: Interpreter): number[] => Array.from(it.getTensor(it.getOutputDetails()[0]!.index) as Float32Array);

test('variable tensors keep their value from one invoke to the next', () => {
  // SVDF with identity features and all-ones time weights sums the last three inputs of each filter.
  const it = Interpreter.loadSync(svdfModel());
  it.allocateTensors();
  it.setTensor(0, new Float32Array([1, 10]));
  it.invoke();
  assert.deepEqual(values(it), [1, 10]);
  it.invoke();
  assert.deepEqual(values(it), [2, 20]);
  it.invoke();
  it.invoke();
  assert.deepEqual(values(it), [3, 30], 'the memory holds three steps');
});

test('resetVariableTensors() starts the state from zero again; allocating the same shapes keeps it', () => {
  const it = Interpreter.loadSync(svdfModel());
  it.allocateTensors();
  it.setTensor(0, new Float32Array([1, 10]));
  it.invoke();
  it.invoke();
  it.resetVariableTensors();
  it.invoke();
  assert.deepEqual(values(it), [1, 10]);
  it.resizeInputTensor(0, [1, 2]);
  it.allocateTensors();
  it.invoke();
  assert.deepEqual(values(it), [2, 20], 'an allocation without a shape change keeps the plan and the state');
});

test('an int8 variable tensor starts at its zero point, as TFLite resets it', () => {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'int8', shape: [2], quantization: { scale: [1], zeroPoint: [0], quantizedDimension: 0 } });
  const v = b.addTensor({ name: 'v', dtype: 'int8', shape: [2], isVariable: true, quantization: { scale: [1], zeroPoint: [-7], quantizedDimension: 0 } });
  const y = b.addOutput({ name: 'y', dtype: 'int8', shape: [2], quantization: { scale: [1], zeroPoint: [0], quantizedDimension: 0 } });
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [x, v], outputs: [y], options: { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true } });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  assert.deepEqual(Array.from(it.getTensor(v) as Int8Array), [-7, -7]);
});

test('a variable tensor shares its arena bytes with no other tensor', () => {
  const it = Interpreter.loadSync(svdfModel());
  it.allocateTensors();
  const state = it.getTensorDetails().find((t) => t.name === 'state')!;
  it.setTensor(0, new Float32Array([5, 6]));
  it.invoke();
  const before = it.getTensor(state.index);
  it.setTensor(0, new Float32Array([0, 0]));
  assert.deepEqual(it.getTensor(state.index), before, 'writing the input left the state alone');
});

const STATEFUL_WILD = ['dtln_noise_suppression', 'keyword_scrambled', 'keyword_scrambled_8bit', 'micro_speech_lstm', 'trained_lstm', 'trained_lstm_int8'];

function outputsOf(it: Interpreter): HostTensor[] {
  return it.getOutputDetails().map((d) => ({ dtype: d.dtype, shape: d.shape, data: numericValue(it.getTensor(d.index)) }));
}

test('the stateful wild models match their tfjs-tflite references, each case on a freshly loaded model', { skip }, () => {
  for (const name of STATEFUL_WILD) {
    const model = readCorpusModel(name, 'wild');
    model.cases.forEach((c, i) => {
      const it = Interpreter.loadSync(model.bytes);
      it.allocateTensors();
      it.getInputDetails().forEach((d, k) => { it.setTensor(d.index, c.inputs[k]!.data); });
      it.invoke();
      outputsOf(it).forEach((o, k) => {
        const ref = c.outputs[k]!;
        const scaleOfOutput = ref.dtype === 'float32' ? Math.max(1, ...Array.from(ref.data as Float32Array, Math.abs)) : 0;
        const tol = ref.dtype === 'float32' ? { abs: 1e-4 * scaleOfOutput, rel: 0 } : { abs: ref.dtype === 'int32' ? 0 : 1, rel: 0 };
        const m = compareTensors(o, ref, tol, `${name} case ${i} output ${k}`);
        assert.equal(m, null, m?.report);
      });
    });
  }
});

test('a stateful wild model answers a second invoke from the state the first left, until reset', { skip }, () => {
  const model = readCorpusModel('dtln_noise_suppression', 'wild');
  const c = model.cases[0]!;
  const it = Interpreter.loadSync(model.bytes);
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, c.inputs[0]!.data);
  it.invoke();
  const first = outputsOf(it)[0]!.data;
  it.invoke();
  assert.notDeepEqual(outputsOf(it)[0]!.data, first, 'the LSTM state moved');
  it.resetVariableTensors();
  it.invoke();
  assert.deepEqual(outputsOf(it)[0]!.data, first);
});

test('a recurrent node counts rows × weight elements against the compute budget', () => {
  const it = Interpreter.loadSync(svdfModel());
  it.allocateTensors();
  // One row (batch 1) through weights_feature [2,2] and weights_time [2,3], by a TypeScript kernel.
  assert.equal(it.estimatedWork, 1 * (4 + 6) * TYPESCRIPT_SLOWDOWN);
});
