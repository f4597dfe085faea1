/**
 * The uint8 basic LSTM cell on hand-checkable values and the configurations TFLite refuses; the cell is
 * checked bit for bit against tfjs-tflite by the testing package's basic LSTM family.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';

const BASIC: BuiltinOptions = { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'BASIC', asymmetricQuantizeInputs: false };
const q = (scale: number, zeroPoint: number): QuantizationParams => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });

interface CellSpec {
  readonly stateScale?: number;
  readonly biasLength?: number;
}

/** One batch, input depth 1, output depth 1: weights at their zero point, so every gate pre-activation is the bias. */
function cellModel(spec: CellSpec = {}): Uint8Array {
  const b = new ModelBuilder();
  const activQ = q(1 / 128, 128);
  const input = b.addInput({ name: 'input', dtype: 'uint8', shape: [1, 1], quantization: activQ });
  const prevActiv = b.addInput({ name: 'prev_activ', dtype: 'uint8', shape: [1, 1], quantization: activQ });
  const weights = b.addTensor({ name: 'weights', dtype: 'uint8', shape: [4, 2], quantization: q(0.01, 100), data: new Uint8Array(8).fill(100) });
  const n = spec.biasLength ?? 4;
  const bias = b.addTensor({ name: 'bias', dtype: 'int32', shape: [n], quantization: q(0.01 / 128, 0), data: new Int32Array(n) });
  const stateQ = q(spec.stateScale ?? 2 ** -11, 0);
  const prevState = b.addInput({ name: 'prev_state', dtype: 'int16', shape: [1, 1], quantization: stateQ });
  const outs = [
    b.addOutput({ name: 'activ', dtype: 'uint8', shape: [1, 1], quantization: activQ }),
    b.addOutput({ name: 'state', dtype: 'int16', shape: [1, 1], quantization: stateQ }),
    b.addOutput({ name: 'concat', dtype: 'uint8', shape: [1, 2], quantization: activQ }),
    b.addOutput({ name: 'gates', dtype: 'int16', shape: [1, 4], quantization: q(2 ** -12, 0) }),
  ];
  b.addOperator({ opcode: BuiltinOp.LSTM, version: 2, inputs: [input, prevActiv, weights, bias, prevState], outputs: outs, options: BASIC });
  return b.build();
}

test('uint8 basic LSTM with zero gate pre-activations halves the state and outputs 0.5·tanh of it', () => {
  const it = Interpreter.loadSync(cellModel());
  it.allocateTensors();
  const [input, prevActiv, prevState] = it.getInputDetails().map((d) => d.index);
  it.setTensor(input!, Uint8Array.of(200));
  it.setTensor(prevActiv!, Uint8Array.of(7));
  it.setTensor(prevState!, Int16Array.of(1000));
  it.invoke();
  const [activ, state, concat, gates] = it.getOutputDetails().map((d) => Array.from(it.getTensor(d.index) as ArrayLike<number>));
  assert.deepEqual(gates, [0, 0, 0, 0]);
  assert.deepEqual(concat, [200, 7]);
  // forget = logistic(0) = 16384 (Q0.15 one half), input·modulation = 0.5·tanh(0) = 0: state = 1000·0.5 = 500.
  assert.deepEqual(state, [500]);
  // Output: 0.5·tanh(2·500/4096) = 0.5·0.2394 → Q0.15 3922 → /256 rounds to 15 → 128 + 15.
  assert.deepEqual(activ, [143]);
  // TFLite copies the new activation and state over its inputs.
  assert.deepEqual([...(it.getTensor(prevState!) as Int16Array)], [500]);
  assert.deepEqual([...(it.getTensor(prevActiv!) as Uint8Array)], [143]);
});

test('uint8 basic LSTM refuses a state scale other than 2^-11 (TFLite runs 4 integer bits only)', () => {
  assert.throws(() => Interpreter.loadSync(cellModel({ stateScale: 2 ** -12 })).allocateTensors(), (e: unknown) => e instanceof UnsupportedError && /4 integer bits/.test(String(e)));
  assert.throws(() => Interpreter.loadSync(cellModel({ stateScale: 0.0003 })).allocateTensors(), (e: unknown) => e instanceof UnsupportedError && /power-of-two scale/.test(String(e)));
});

test('basic LSTM with a bias of the wrong length is a ShapeError naming it', () => {
  assert.throws(() => Interpreter.loadSync(cellModel({ biasLength: 3 })).allocateTensors(), (e: unknown) => e instanceof ShapeError && /bias must be \[4\], got \[3\]/.test(String(e)));
});
