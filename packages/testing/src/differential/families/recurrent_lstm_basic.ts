/**
 * The basic LSTM kernel (LSTM with kernel_type BASIC: five inputs, concatenated weights) for the tfjs-tflite
 * oracle: TFLite's fixed-scale uint8 cell (uint8 activations at 1/128 around 128, int16 state at 2^-11, gate
 * pre-activations int16 at 2^-12) with weights large enough to saturate gates and state, and both kernels with
 * prev_activ and prev_state held in variable tensors, which the kernel steps forward by copying its new
 * activation and state over them (three invokes).
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { normalFloats, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';

const BASIC: BuiltinOptions = { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'BASIC', asymmetricQuantizeInputs: false };
const ACTIV_Q = perTensor(1 / 128, 128);
const STATE_Q = perTensor(2 ** -11, 0);
const GATES_Q = perTensor(2 ** -12, 0);

interface BasicVariant {
  readonly batches: number;
  readonly inputDepth: number;
  readonly outputDepth: number;
  /** prev_activ and prev_state as variable tensors (the state carries across invokes) instead of inputs. */
  readonly variableState?: boolean;
  /** Weight scale: larger saturates the gate pre-activations (int16 at 2^-12 holds ±8). */
  readonly weightScale: number;
}

function uint8Case(name: string, seed: number, v: BasicVariant): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const { batches: nb, inputDepth: ni, outputDepth: no } = v;
  const wz = 131;
  const input = b.input({ dtype: 'uint8', shape: [nb, ni], quantization: ACTIV_Q }, randomInts(rng, 'uint8', [nb, ni], 0, 255));
  const state = (spec: { dtype: 'uint8' | 'int16'; quantization: typeof ACTIV_Q }, lo: number, hi: number): number =>
    v.variableState
      ? b.variable({ ...spec, shape: [nb, no] })
      : b.input({ ...spec, shape: [nb, no] }, spec.dtype === 'uint8' ? randomInts(rng, 'uint8', [nb, no], lo, hi) : randomInts(rng, 'int16', [nb, no], lo, hi));
  const prevActiv = state({ dtype: 'uint8', quantization: ACTIV_Q }, 0, 255);
  const weights = b.constant({ dtype: 'uint8', shape: [4 * no, ni + no], quantization: perTensor(v.weightScale, wz) }, randomInts(rng, 'uint8', [4 * no, ni + no], 0, 255));
  const bias = b.constant({ dtype: 'int32', shape: [4 * no], quantization: perTensor(v.weightScale / 128, 0) }, randomInts(rng, 'int32', [4 * no], -40000, 40000));
  const prevState = state({ dtype: 'int16', quantization: STATE_Q }, -20000, 20000);
  const outs = [
    b.output({ dtype: 'uint8', shape: [nb, no], quantization: ACTIV_Q }, EXACT),
    b.output({ dtype: 'int16', shape: [nb, no], quantization: STATE_Q }, EXACT),
    b.output({ dtype: 'uint8', shape: [nb, ni + no], quantization: ACTIV_Q }, EXACT),
    b.output({ dtype: 'int16', shape: [nb, 4 * no], quantization: GATES_Q }, EXACT),
  ];
  b.op(BuiltinOp.LSTM, [input, prevActiv, weights, bias, prevState], outs, BASIC, 2);
  return b.build(name, 3);
}

function floatVariableCase(name: string, seed: number): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const [nb, ni, no] = [2, 3, 4];
  const input = b.input({ dtype: 'float32', shape: [nb, ni] }, normalFloats(rng, [nb, ni]));
  const prevActiv = b.variable({ dtype: 'float32', shape: [nb, no] });
  const weights = b.constant({ dtype: 'float32', shape: [4 * no, ni + no] }, normalFloats(rng, [4 * no, ni + no], 0.5));
  const bias = b.constant({ dtype: 'float32', shape: [4 * no] }, normalFloats(rng, [4 * no], 0.3));
  const prevState = b.variable({ dtype: 'float32', shape: [nb, no] });
  const outs = [[nb, no], [nb, no], [nb, ni + no], [nb, 4 * no]].map((shape) => b.output({ dtype: 'float32', shape }));
  b.op(BuiltinOp.LSTM, [input, prevActiv, weights, bias, prevState], outs, BASIC, 2);
  return b.build(name, 3);
}

export const lstmBasicFamily: DiffFamily = {
  name: 'LSTM basic kernel (uint8 fixed-scale cell, state carried in variable tensors)',
  cases: (seed) => [
    uint8Case('LSTM basic uint8', seed, { batches: 2, inputDepth: 3, outputDepth: 4, weightScale: 0.02 }),
    uint8Case('LSTM basic uint8 with saturating gates', seed + 1, { batches: 3, inputDepth: 5, outputDepth: 6, weightScale: 0.2 }),
    uint8Case('LSTM basic uint8, state in variable tensors', seed + 2, { batches: 2, inputDepth: 4, outputDepth: 3, weightScale: 0.05, variableState: true }),
    floatVariableCase('LSTM basic float, state in variable tensors', seed + 3),
  ],
};
