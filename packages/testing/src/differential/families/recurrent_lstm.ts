/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM cases for the tfjs-tflite oracle (LiteRT.js refuses variable tensors): float,
 * hybrid (int8 weights, symmetric and asymmetric input quantization) and fully quantized 8x8_16, across
 * time-/batch-major layouts, CIFG, peephole, projection with clipping and layer norm. Every case runs three
 * invokes on one loaded model, so the state carried between invokes is compared too. Integer outputs must be
 * bit-exact; float ones within the corpus tolerance.
 */
import {
  BuiltinOp,
  type QuantizationParams,
  type UnidirectionalSequenceLSTMOptions,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { normalFloats, quantizeValues, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';

export interface LstmVariant {
  readonly kind: 'float' | 'hybrid' | 'integer';
  readonly timeMajor?: boolean;
  readonly cifg?: boolean;
  readonly peephole?: boolean;
  readonly projection?: boolean;
  readonly layerNorm?: boolean;
  readonly asymmetric?: boolean;
  readonly cellClip?: number;
  readonly projClip?: number;
  readonly sizes?: { batches: number; time: number; input: number; cell: number; output: number };
}

const DEFAULT_SIZES = { batches: 2, time: 3, input: 5, cell: 4, output: 4 };

/** Tensor factories for one variant: float constants, or int8/int16/int32 ones with per-tensor scales. */
export class LstmTensors {
  constructor(private readonly b: CaseBuilder, private readonly rng: Rng, private readonly v: LstmVariant) {}

  /** A weight matrix (or diagonal vector): float32, or int8 with a scale for hybrid and integer models. */
  weights(shape: number[], sd = 0.5): number {
    if (this.v.kind === 'float') return this.b.constant({ dtype: 'float32', shape }, normalFloats(this.rng, shape, sd));
    const q = perTensor(sd / 40 + this.rng.next() * 0.005, 0);
    return this.b.constant({ dtype: 'int8', shape, quantization: q }, randomInts(this.rng, 'int8', shape, -127, 127));
  }

  /** Peephole weights: int16 with a scale in integer models. */
  peephole(n: number): number {
    if (this.v.kind !== 'integer') return this.weights([n], 0.3);
    return this.b.constant({ dtype: 'int16', shape: [n], quantization: perTensor(0.3 / 4096, 0) }, randomInts(this.rng, 'int16', [n], -4096, 4096));
  }

  /** A gate bias: float32, or int32 at scale 2^-20 (any scale serves: the kernel reads raw values). */
  bias(n: number): number {
    if (this.v.kind !== 'integer') return this.b.constant({ dtype: 'float32', shape: [n] }, normalFloats(this.rng, [n], 0.3));
    return this.b.constant({ dtype: 'int32', shape: [n], quantization: perTensor(2 ** -20, 0) }, randomInts(this.rng, 'int32', [n], -20000, 20000));
  }

  /** Layer-norm coefficients: float32, or int16 with a scale. */
  layerNorm(n: number): number {
    if (this.v.kind !== 'integer') return this.b.constant({ dtype: 'float32', shape: [n] }, normalFloats(this.rng, [n], 0.5));
    return this.b.constant({ dtype: 'int16', shape: [n], quantization: perTensor(2 ** -10, 0) }, randomInts(this.rng, 'int16', [n], 200, 1500));
  }
}

export const ACT_Q: QuantizationParams = perTensor(1 / 64, 3);
export const STATE_Q: QuantizationParams = perTensor(1 / 128, -2);

function lstmCase(name: string, seed: number, v: LstmVariant): DiffCase {
  const rng = new Rng(seed);
  const s = v.sizes ?? DEFAULT_SIZES;
  const nOutput = v.projection ? s.output : s.cell;
  const b = new CaseBuilder();
  const t = new LstmTensors(b, rng, v);
  const inShape = v.timeMajor ? [s.time, s.batches, s.input] : [s.batches, s.time, s.input];
  const outShape = [...inShape.slice(0, 2), nOutput];
  const integer = v.kind === 'integer';
  const floats = normalFloats(rng, inShape);
  const input = integer
    ? b.input({ dtype: 'int8', shape: inShape, quantization: ACT_Q }, quantizeValues(floats, 'int8', ACT_Q))
    : b.input({ dtype: 'float32', shape: inShape }, floats);
  const gates = [0, 1, 2, 3];
  const skipInput = (g: number): boolean => g === 0 && !!v.cifg;
  const inW = gates.map((g) => (skipInput(g) ? -1 : t.weights([s.cell, s.input])));
  const recW = gates.map((g) => (skipInput(g) ? -1 : t.weights([s.cell, nOutput])));
  const peep = [0, 1, 3].map((g) => (v.peephole && !skipInput(g) ? t.peephole(s.cell) : -1));
  const bias = gates.map((g) => (skipInput(g) ? -1 : t.bias(s.cell)));
  const proj = v.projection ? t.weights([nOutput, s.cell]) : -1;
  const projBias = v.projection && !integer ? t.bias(nOutput) : -1;
  const outState = integer
    ? b.variable({ dtype: 'int8', shape: [s.batches, nOutput], quantization: STATE_Q })
    : b.variable({ dtype: 'float32', shape: [s.batches, nOutput] });
  const cellState = integer
    ? b.variable({ dtype: 'int16', shape: [s.batches, s.cell], quantization: perTensor(2 ** -11, 0) })
    : b.variable({ dtype: 'float32', shape: [s.batches, s.cell] });
  const ln = gates.map((g) => (v.layerNorm && !skipInput(g) ? t.layerNorm(s.cell) : -1));
  // Integer arithmetic must agree bit for bit.
  const output = integer ? b.output({ dtype: 'int8', shape: outShape, quantization: STATE_Q }, EXACT) : b.output({ dtype: 'float32', shape: outShape });
  const intermediates = integer
    ? [0, 1, 2, 3].map((g) => b.intermediate({ dtype: 'int16', shape: [0], quantization: perTensor(2 ** -(10 + g), 0) }))
        .concat([b.intermediate({ dtype: 'int8', shape: [0], quantization: perTensor(1 / 128, 1) })])
    : [];
  const options: UnidirectionalSequenceLSTMOptions = {
    kind: 'UnidirectionalSequenceLSTMOptions',
    fusedActivation: 'TANH',
    cellClip: v.cellClip ?? 0,
    projClip: v.projClip ?? 0,
    timeMajor: !!v.timeMajor,
    asymmetricQuantizeInputs: !!v.asymmetric,
    diagonalRecurrentTensors: false,
  };
  const inputs = [input, ...inW, ...recW, ...peep, ...bias, proj, projBias, outState, cellState, ...ln];
  b.op(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, [output], options, v.asymmetric ? 3 : 1, intermediates);
  return b.build(name, 3);
}

const VARIANTS: readonly [string, LstmVariant][] = [
  ['float batch-major', { kind: 'float' }],
  ['float time-major CIFG peephole', { kind: 'float', timeMajor: true, cifg: true, peephole: true }],
  ['float projection with cell and projection clip', { kind: 'float', projection: true, cellClip: 0.8, projClip: 0.3, sizes: { batches: 2, time: 4, input: 3, cell: 6, output: 3 } }],
  ['float layer norm peephole', { kind: 'float', layerNorm: true, peephole: true }],
  ['hybrid symmetric', { kind: 'hybrid' }],
  ['hybrid asymmetric time-major projection', { kind: 'hybrid', asymmetric: true, timeMajor: true, projection: true, sizes: { batches: 2, time: 3, input: 6, cell: 5, output: 3 } }],
  ['hybrid CIFG peephole layer norm', { kind: 'hybrid', cifg: true, peephole: true, layerNorm: true }],
  ['int8x8_16 batch-major', { kind: 'integer' }],
  ['int8x8_16 time-major cell clip', { kind: 'integer', timeMajor: true, cellClip: 0.05 }],
  ['int8x8_16 peephole', { kind: 'integer', peephole: true }],
  ['int8x8_16 CIFG', { kind: 'integer', cifg: true }],
  ['int8x8_16 layer norm projection', { kind: 'integer', layerNorm: true, projection: true, sizes: { batches: 2, time: 3, input: 5, cell: 8, output: 4 } }],
];

export const unidirectionalLstmFamily: DiffFamily = {
  name: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
  cases: (seed) => VARIANTS.map(([name, v], i) => lstmCase(name, seed + i, v)),
};
