/**
 * The 8x8_8 integer LSTM (an int8 LSTM node with 12 intermediate tensors) for the tfjs-tflite oracle: a CIFG
 * cell with layer norm and projection — the only cell TFLite's 8x8_8 step computes — whose gate shares have
 * int8 intermediates with zero points, over three invokes of state; once more with cell and projection
 * clipping.
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { normalFloats, quantizeValues, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';
import { ACT_Q, LstmTensors, STATE_Q } from './recurrent_lstm.js';


/** Intermediate k: 0, 3, 6, 9 hold a gate's sum (int16-like scale), the others its input or recurrent share. */
function intermediates(b: CaseBuilder, rng: Rng): number[] {
  return Array.from({ length: 12 }, (_, k) =>
    k % 3 === 0
      ? b.intermediate({ dtype: 'int16', shape: [0], quantization: perTensor(2 ** -12 * (1 + k / 12), 0) })
      : b.intermediate({ dtype: 'int8', shape: [0], quantization: perTensor(0.02 + rng.next() * 0.03, rng.int(-6, 6)) }),
  );
}

interface Sizes8x8_8 {
  readonly B: number;
  readonly I: number;
  readonly CELL: number;
  readonly OUT: number;
}

const SMALL: Sizes8x8_8 = { B: 2, I: 5, CELL: 4, OUT: 3 };
const WIDE: Sizes8x8_8 = { B: 3, I: 7, CELL: 16, OUT: 6 };

function lstm8x8_8Case(name: string, seed: number, clips: { cell: number; proj: number }, { B, I, CELL, OUT }: Sizes8x8_8 = SMALL): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const t = new LstmTensors(b, rng, { kind: 'integer' });
  const input = b.input({ dtype: 'int8', shape: [B, I], quantization: ACT_Q }, quantizeValues(normalFloats(rng, [B, I]), 'int8', ACT_Q));
  const inputWeights = [-1, t.weights([CELL, I]), t.weights([CELL, I]), t.weights([CELL, I])];
  const recurrentWeights = [-1, t.weights([CELL, OUT], 0.3), t.weights([CELL, OUT], 0.3), t.weights([CELL, OUT], 0.3)];
  const biases = [-1, t.bias(CELL), t.bias(CELL), t.bias(CELL)];
  const projection = t.weights([OUT, CELL]);
  const projectionBias = b.constant({ dtype: 'int32', shape: [OUT], quantization: perTensor(2 ** -20, 0) }, randomInts(rng, 'int32', [OUT], -300, 300));
  const outState = b.variable({ dtype: 'int8', shape: [B, OUT], quantization: STATE_Q });
  const cell = b.variable({ dtype: 'int16', shape: [B, CELL], quantization: perTensor(2 ** -15, 0) });
  const layerNorm = [-1, t.layerNorm(CELL), t.layerNorm(CELL), t.layerNorm(CELL)];
  const out = b.output({ dtype: 'int8', shape: [B, OUT], quantization: STATE_Q }, EXACT);
  const options: BuiltinOptions = { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: clips.cell, projClip: clips.proj, kernelType: 'FULL', asymmetricQuantizeInputs: false };
  const inputs = [input, ...inputWeights, ...recurrentWeights, -1, -1, -1, ...biases, projection, projectionBias, outState, cell, ...layerNorm];
  b.op(BuiltinOp.LSTM, inputs, [out], options, 4, intermediates(b, rng));
  return b.build(name, 3);
}

export const lstm8x8_8Family: DiffFamily = {
  name: 'LSTM integer 8x8_8 (12 intermediates: CIFG, layer norm, projection)',
  cases: (seed) => [
    lstm8x8_8Case('LSTM int8x8_8', seed, { cell: 0, proj: 0 }),
    lstm8x8_8Case('LSTM int8x8_8 with cell and projection clipping', seed + 1, { cell: 0.4, proj: 0.2 }),
    lstm8x8_8Case('LSTM int8x8_8, 16 cells, 3 batches', seed + 2, { cell: 0, proj: 0 }, WIDE),
    lstm8x8_8Case('LSTM int8x8_8, 16 cells, other weights', seed + 3, { cell: 0, proj: 0 }, WIDE),
  ],
};
