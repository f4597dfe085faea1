/**
 * The 8x8_8 integer LSTM's refusals: TFLite's step computes a CIFG cell with layer norm and projection only,
 * ignoring or dereferencing as null what a node lacks; those nodes fail at load here, naming the problem. Its
 * arithmetic is checked bit for bit against tfjs-tflite by the testing package's 8x8_8 family.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';

const q = (scale: number, zeroPoint = 0): QuantizationParams => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });
const [B, I, C, O] = [1, 2, 2, 2];

interface Variant {
  readonly inputGate?: boolean;
  readonly projection?: boolean;
  readonly cellScale?: number;
}

function model(v: Variant = {}): Uint8Array {
  const b = new ModelBuilder();
  const input = b.addInput({ name: 'input', dtype: 'int8', shape: [B, I], quantization: q(1 / 64) });
  const w = (name: string, cols: number): number => b.addTensor({ name, dtype: 'int8', shape: [C, cols], quantization: q(0.01), data: new Int8Array(C * cols).fill(3) });
  const bias = (name: string): number => b.addTensor({ name, dtype: 'int32', shape: [C], quantization: q(2 ** -20), data: new Int32Array(C) });
  const ln = (name: string): number => b.addTensor({ name, dtype: 'int16', shape: [C], quantization: q(2 ** -10), data: new Int16Array(C).fill(1024) });
  const gates = ['forget', 'cell', 'output'];
  const inputWeights = [v.inputGate ? w('input_to_input', I) : -1, ...gates.map((g) => w(`input_to_${g}`, I))];
  const recurrentWeights = [v.inputGate ? w('recurrent_to_input', O) : -1, ...gates.map((g) => w(`recurrent_to_${g}`, O))];
  const biases = [v.inputGate ? bias('input_bias') : -1, ...gates.map((g) => bias(`${g}_bias`))];
  const withProjection = v.projection ?? true;
  const projection = withProjection ? b.addTensor({ name: 'projection', dtype: 'int8', shape: [O, C], quantization: q(0.01), data: new Int8Array(O * C).fill(5) }) : -1;
  const projectionBias = withProjection ? b.addTensor({ name: 'projection_bias', dtype: 'int32', shape: [O], quantization: q(2 ** -20), data: new Int32Array(O) }) : -1;
  const state = b.addTensor({ name: 'output_state', dtype: 'int8', shape: [B, O], quantization: q(1 / 128), isVariable: true });
  const cell = b.addTensor({ name: 'cell_state', dtype: 'int16', shape: [B, C], quantization: q(v.cellScale ?? 2 ** -15), isVariable: true });
  const layerNorm = [v.inputGate ? ln('input_ln') : -1, ...gates.map((g) => ln(`${g}_ln`))];
  const out = b.addOutput({ name: 'output', dtype: 'int8', shape: [B, O], quantization: q(1 / 128) });
  const intermediates = Array.from({ length: 12 }, (_, k) => b.addTensor({ name: `i${k}`, dtype: 'int8', shape: [0], quantization: q(0.03, 1) }));
  b.addOperator({
    opcode: BuiltinOp.LSTM, version: 4,
    inputs: [input, ...inputWeights, ...recurrentWeights, -1, -1, -1, ...biases, projection, projectionBias, state, cell, ...layerNorm],
    outputs: [out], intermediates,
    options: { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'FULL', asymmetricQuantizeInputs: false },
  });
  return b.build();
}

const refusal = (pattern: RegExp) => (e: unknown): boolean => e instanceof UnsupportedError && pattern.test(String(e));

test('a CIFG 8x8_8 LSTM with layer norm and projection loads and runs', () => {
  const it = Interpreter.loadSync(model());
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, Int8Array.of(40, -40));
  it.invoke();
  assert.equal((it.getTensor(it.getOutputDetails()[0]!.index) as Int8Array).length, O);
});

test('an 8x8_8 LSTM with input-gate weights is refused (TFLite would ignore them)', () => {
  assert.throws(() => Interpreter.loadSync(model({ inputGate: true })).allocateTensors(), refusal(/CIFG cells only/));
});

test('an 8x8_8 LSTM without projection is refused (TFLite would read a null tensor)', () => {
  assert.throws(() => Interpreter.loadSync(model({ projection: false })).allocateTensors(), refusal(/needs projection weights/));
});

test('an 8x8_8 LSTM whose cell state is not at scale 2^-15 is refused, as TFLite checks', () => {
  assert.throws(() => Interpreter.loadSync(model({ cellScale: 2 ** -11 })).allocateTensors(), refusal(/scale 2\^-15/));
});
