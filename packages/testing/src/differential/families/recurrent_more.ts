/**
 * The other recurrent ops for the tfjs-tflite oracle: RNN, UNIDIRECTIONAL_SEQUENCE_RNN and
 * BIDIRECTIONAL_SEQUENCE_RNN (float, hybrid symmetric and asymmetric; merged and separate outputs; auxiliary
 * inputs cross-linked and stacked), LSTM (full kernel float, hybrid and int8x8_16; basic kernel) and
 * BIDIRECTIONAL_SEQUENCE_LSTM (float and hybrid). Cases with state run three invokes.
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { normalFloats, quantizeValues } from '../random_data.js';
import { Rng } from '../rng.js';
import { ACT_Q, LstmTensors, STATE_Q, type LstmVariant } from './recurrent_lstm.js';

type Kind = 'float' | 'hybrid';

interface RnnVariant {
  readonly kind: Kind;
  readonly asymmetric?: boolean;
  readonly timeMajor?: boolean;
  readonly merge?: boolean;
  /** 'cross': auxiliary input with auxiliary weights; 'stacked': auxiliary input alone (the backward input). */
  readonly aux?: 'cross' | 'stacked';
}

const [B, T, I, U, U2] = [2, 3, 4, 5, 3];

function rnnWeights(t: LstmTensors, units: number, nInput: number): number[] {
  return [t.weights([units, nInput]), t.weights([units, units], 0.3), t.bias(units)];
}

function rnnCase(op: 'RNN' | 'UNI' | 'BI', name: string, seed: number, v: RnnVariant): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const t = new LstmTensors(b, rng, { kind: v.kind });
  const shape = op === 'RNN' ? [B, I] : v.timeMajor ? [T, B, I] : [B, T, I];
  const input = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const act = 'TANH' as const;
  const asymmetricQuantizeInputs = !!v.asymmetric;
  const version = v.asymmetric ? 3 : 1;
  if (op !== 'BI') {
    const [w, r, bias] = rnnWeights(t, U, I);
    const hidden = b.variable({ dtype: 'float32', shape: [B, U] });
    const out = b.output({ dtype: 'float32', shape: [...shape.slice(0, -1), U] });
    const options: BuiltinOptions = op === 'RNN'
      ? { kind: 'RNNOptions', fusedActivation: act, asymmetricQuantizeInputs }
      : { kind: 'SequenceRNNOptions', timeMajor: !!v.timeMajor, fusedActivation: act, asymmetricQuantizeInputs };
    b.op(op === 'RNN' ? BuiltinOp.RNN : BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN, [input, w!, r!, bias!, hidden], [out], options, version);
    return b.build(name, 3);
  }
  const nAux = v.aux === 'cross' ? 2 : I;
  const auxInput = v.aux ? b.input({ dtype: 'float32', shape: [...shape.slice(0, -1), nAux] }, normalFloats(rng, [...shape.slice(0, -1), nAux])) : -1;
  const fw = rnnWeights(t, U, I);
  const fwHidden = b.variable({ dtype: 'float32', shape: [B, U] });
  const bw = rnnWeights(t, U2, I);
  const bwHidden = b.variable({ dtype: 'float32', shape: [B, U2] });
  const fwAux = v.aux === 'cross' ? t.weights([U, nAux]) : -1;
  const bwAux = v.aux === 'cross' ? t.weights([U2, nAux]) : -1;
  const lead = shape.slice(0, -1);
  const outs = v.merge
    ? [b.output({ dtype: 'float32', shape: [...lead, U + U2] })]
    : [b.output({ dtype: 'float32', shape: [...lead, U] }), b.output({ dtype: 'float32', shape: [B, T, U2] })];
  const options: BuiltinOptions = {
    kind: 'BidirectionalSequenceRNNOptions', timeMajor: !!v.timeMajor, fusedActivation: act, mergeOutputs: !!v.merge, asymmetricQuantizeInputs,
  };
  b.op(BuiltinOp.BIDIRECTIONAL_SEQUENCE_RNN, [input, ...fw, fwHidden, ...bw, bwHidden, auxInput, fwAux, bwAux], outs, options, version);
  return b.build(name, 3);
}

/** The 17 weight tensors of one LSTM direction (input, recurrent, peephole, bias, projection) in TFLite's order. */
function lstmDirection(t: LstmTensors, v: LstmVariant, nInput: number, nCell: number, nOutput: number): number[] {
  const gate = (): number => t.weights([nCell, nInput]);
  return [
    gate(), gate(), gate(), gate(),
    ...[0, 1, 2, 3].map(() => t.weights([nCell, nOutput], 0.3)),
    ...[0, 1, 2].map(() => (v.peephole ? t.peephole(nCell) : -1)),
    ...[0, 1, 2, 3].map(() => t.bias(nCell)),
    v.projection ? t.weights([nOutput, nCell]) : -1,
    -1,
  ];
}

function lstmFullCase(name: string, seed: number, v: LstmVariant): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const t = new LstmTensors(b, rng, v);
  const [nCell, nOutput] = v.projection ? [5, 3] : [4, 4];
  const integer = v.kind === 'integer';
  const floats = normalFloats(rng, [B, I]);
  const input = integer ? b.input({ dtype: 'int8', shape: [B, I], quantization: ACT_Q }, quantizeValues(floats, 'int8', ACT_Q)) : b.input({ dtype: 'float32', shape: [B, I] }, floats);
  const weights = lstmDirection(t, v, I, nCell, nOutput);
  const outState = integer ? b.variable({ dtype: 'int8', shape: [B, nOutput], quantization: STATE_Q }) : b.variable({ dtype: 'float32', shape: [B, nOutput] });
  const cell = integer ? b.variable({ dtype: 'int16', shape: [B, nCell], quantization: perTensor(2 ** -11, 0) }) : b.variable({ dtype: 'float32', shape: [B, nCell] });
  const out = integer ? b.output({ dtype: 'int8', shape: [B, nOutput], quantization: STATE_Q }, EXACT) : b.output({ dtype: 'float32', shape: [B, nOutput] });
  const intermediates = integer
    ? [0, 1, 2, 3].map(() => b.intermediate({ dtype: 'int16', shape: [0], quantization: perTensor(2 ** -12, 0) })).concat([b.intermediate({ dtype: 'int8', shape: [0], quantization: perTensor(1 / 128, 0) })])
    : [];
  const options: BuiltinOptions = { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'FULL', asymmetricQuantizeInputs: !!v.asymmetric };
  b.op(BuiltinOp.LSTM, [input, ...weights, outState, cell, -1, -1, -1, -1], [out], options, integer ? 4 : v.asymmetric ? 4 : 1, intermediates);
  return b.build(name, 3);
}

function lstmBasicCase(name: string, seed: number): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const [ni, no] = [3, 4];
  const input = b.input({ dtype: 'float32', shape: [B, ni] }, normalFloats(rng, [B, ni]));
  const prevActiv = b.input({ dtype: 'float32', shape: [B, no] }, normalFloats(rng, [B, no], 0.5));
  const weights = b.constant({ dtype: 'float32', shape: [4 * no, ni + no] }, normalFloats(rng, [4 * no, ni + no], 0.5));
  const bias = b.constant({ dtype: 'float32', shape: [4 * no] }, normalFloats(rng, [4 * no], 0.3));
  const prevState = b.input({ dtype: 'float32', shape: [B, no] }, normalFloats(rng, [B, no], 0.5));
  const outs = [[B, no], [B, no], [B, ni + no], [B, 4 * no]].map((shape) => b.output({ dtype: 'float32', shape }));
  const options: BuiltinOptions = { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'BASIC', asymmetricQuantizeInputs: false };
  b.op(BuiltinOp.LSTM, [input, prevActiv, weights, bias, prevState], outs, options, 2);
  return b.build(name);
}

function biLstmCase(name: string, seed: number, v: LstmVariant & { merge?: boolean; aux?: 'cross' | 'stacked' }): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const t = new LstmTensors(b, rng, v);
  const shape = v.timeMajor ? [T, B, I] : [B, T, I];
  const lead = shape.slice(0, -1);
  const input = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  // TFLite checks both directions' weights against one cell count.
  const [fwCell, bwCell] = [4, 4];
  const fw = lstmDirection(t, v, I, fwCell, fwCell);
  const bw = lstmDirection(t, v, I, bwCell, bwCell);
  const states = [fwCell, fwCell, bwCell, bwCell].map((n) => b.variable({ dtype: 'float32', shape: [B, n] }));
  // TFLite's LSTM steps through the auxiliary input with the input's stride, so its size must equal the input's.
  const nAux = I;
  const aux = v.aux ? b.input({ dtype: 'float32', shape: [...lead, nAux] }, normalFloats(rng, [...lead, nAux])) : -1;
  const auxWeights = (n: number): number[] => [0, 1, 2, 3].map(() => (v.aux === 'cross' ? t.weights([n, nAux]) : -1));
  const outs = v.merge ? [b.output({ dtype: 'float32', shape: [...lead, fwCell + bwCell] })] : [b.output({ dtype: 'float32', shape: [...lead, fwCell] }), b.output({ dtype: 'float32', shape: [...lead, bwCell] })];
  const options: BuiltinOptions = {
    kind: 'BidirectionalSequenceLSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, mergeOutputs: !!v.merge, timeMajor: !!v.timeMajor,
    asymmetricQuantizeInputs: !!v.asymmetric,
  };
  b.op(BuiltinOp.BIDIRECTIONAL_SEQUENCE_LSTM, [input, ...fw, ...bw, ...states, aux, ...auxWeights(fwCell), ...auxWeights(bwCell)], outs, options, v.asymmetric ? 4 : 1);
  return b.build(name, 3);
}

export const rnnFamily: DiffFamily = {
  name: 'RNN family',
  cases: (seed) => [
    rnnCase('RNN', 'RNN float', seed, { kind: 'float' }),
    rnnCase('RNN', 'RNN hybrid asymmetric', seed + 1, { kind: 'hybrid', asymmetric: true }),
    rnnCase('UNI', 'UNIDIRECTIONAL_SEQUENCE_RNN float batch-major', seed + 2, { kind: 'float' }),
    rnnCase('UNI', 'UNIDIRECTIONAL_SEQUENCE_RNN hybrid time-major', seed + 3, { kind: 'hybrid', timeMajor: true }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN float separate outputs', seed + 4, { kind: 'float' }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN float merged time-major', seed + 5, { kind: 'float', merge: true, timeMajor: true }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN float cross-linked aux input', seed + 6, { kind: 'float', aux: 'cross' }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN float stacked aux input', seed + 7, { kind: 'float', aux: 'stacked', merge: true }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN float stacked aux input time-major', seed + 7, { kind: 'float', aux: 'stacked', timeMajor: true }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN float stacked aux input batch-major separate', seed + 7, { kind: 'float', aux: 'stacked' }),
    rnnCase('BI', 'BIDIRECTIONAL_SEQUENCE_RNN hybrid', seed + 8, { kind: 'hybrid', asymmetric: true }),
  ],
};

export const lstmFamily: DiffFamily = {
  name: 'LSTM and BIDIRECTIONAL_SEQUENCE_LSTM',
  cases: (seed) => [
    lstmFullCase('LSTM full float', seed, { kind: 'float' }),
    lstmFullCase('LSTM full float peephole projection', seed + 1, { kind: 'float', peephole: true, projection: true }),
    lstmFullCase('LSTM full hybrid', seed + 2, { kind: 'hybrid' }),
    lstmFullCase('LSTM full int8x8_16', seed + 3, { kind: 'integer' }),
    lstmBasicCase('LSTM basic float', seed + 4),
    biLstmCase('BIDIRECTIONAL_SEQUENCE_LSTM float time-major separate', seed + 5, { kind: 'float', timeMajor: true }),
    biLstmCase('BIDIRECTIONAL_SEQUENCE_LSTM float batch-major merged peephole', seed + 6, { kind: 'float', merge: true, peephole: true }),
    biLstmCase('BIDIRECTIONAL_SEQUENCE_LSTM float cross-linked aux input', seed + 7, { kind: 'float', timeMajor: true, aux: 'cross' }),
    biLstmCase('BIDIRECTIONAL_SEQUENCE_LSTM float stacked aux input', seed + 8, { kind: 'float', timeMajor: true, aux: 'stacked' }),
    biLstmCase('BIDIRECTIONAL_SEQUENCE_LSTM hybrid', seed + 9, { kind: 'hybrid', timeMajor: true }),
  ],
};
