/**
 * SVDF cases for the tfjs-tflite oracle: float (every activation TFLite allows on it), hybrid with symmetric
 * and asymmetric input quantization, and integer with an int16 memory (bit-exact). Three invokes per case, so
 * the memory's shifting is compared too. (The int8-memory form is not here: that TFLite build reads it as
 * int16, out of bounds.)
 */
import { BuiltinOp, type FusedActivation, type SVDFOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { normalFloats, quantizeValues, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';

interface SvdfVariant {
  readonly kind: 'float' | 'hybrid' | 'integer';
  readonly rank: number;
  readonly activation: FusedActivation;
  readonly asymmetric?: boolean;
  readonly bias?: boolean;
}

const [BATCHES, INPUT, UNITS, MEMORY] = [2, 6, 3, 4];

function svdfCase(name: string, seed: number, v: SvdfVariant): DiffCase {
  const rng = new Rng(seed);
  const filters = UNITS * v.rank;
  const b = new CaseBuilder();
  const floats = normalFloats(rng, [BATCHES, INPUT]);
  const inQ = perTensor(1 / 32, -5);
  const input = v.kind === 'integer'
    ? b.input({ dtype: 'int8', shape: [BATCHES, INPUT], quantization: inQ }, quantizeValues(floats, 'int8', inQ))
    : b.input({ dtype: 'float32', shape: [BATCHES, INPUT] }, floats);
  const int8 = (shape: number[], scale: number): number =>
    b.constant({ dtype: 'int8', shape, quantization: perTensor(scale, 0) }, randomInts(rng, 'int8', shape, -127, 127));
  const feature = v.kind === 'float' ? b.constant({ dtype: 'float32', shape: [filters, INPUT] }, normalFloats(rng, [filters, INPUT], 0.5)) : int8([filters, INPUT], 0.004);
  const time = v.kind === 'float'
    ? b.constant({ dtype: 'float32', shape: [filters, MEMORY] }, normalFloats(rng, [filters, MEMORY], 0.5))
    : v.kind === 'hybrid'
      ? int8([filters, MEMORY], 0.005)
      : b.constant({ dtype: 'int16', shape: [filters, MEMORY], quantization: perTensor(1 / 4096, 0) }, randomInts(rng, 'int16', [filters, MEMORY], -3000, 3000));
  const bias = v.bias === false
    ? -1
    : v.kind === 'integer'
      ? b.constant({ dtype: 'int32', shape: [UNITS], quantization: perTensor(1e-5, 0) }, randomInts(rng, 'int32', [UNITS], -5000, 5000))
      : b.constant({ dtype: 'float32', shape: [UNITS] }, normalFloats(rng, [UNITS], 0.3));
  const state = v.kind === 'integer'
    ? b.variable({ dtype: 'int16', shape: [BATCHES, MEMORY * filters], quantization: perTensor(1 / 2048, 0) })
    : b.variable({ dtype: 'float32', shape: [BATCHES, MEMORY * filters] });
  const output = v.kind === 'integer'
    ? b.output({ dtype: 'int8', shape: [BATCHES, UNITS], quantization: perTensor(1 / 64, -128) }, EXACT)
    : b.output({ dtype: 'float32', shape: [BATCHES, UNITS] });
  const options: SVDFOptions = { kind: 'SVDFOptions', rank: v.rank, fusedActivation: v.activation, asymmetricQuantizeInputs: !!v.asymmetric };
  b.op(BuiltinOp.SVDF, [input, feature, time, bias, state], [output], options, v.kind === 'integer' ? 3 : v.asymmetric ? 4 : 1);
  return b.build(name, 3);
}

const VARIANTS: readonly [string, SvdfVariant][] = [
  ['float rank 1', { kind: 'float', rank: 1, activation: 'NONE' }],
  ['float rank 2 RELU', { kind: 'float', rank: 2, activation: 'RELU' }],
  ['float rank 2 TANH without bias', { kind: 'float', rank: 2, activation: 'TANH', bias: false }],
  ['hybrid symmetric', { kind: 'hybrid', rank: 2, activation: 'RELU6' }],
  ['hybrid asymmetric', { kind: 'hybrid', rank: 1, activation: 'NONE', asymmetric: true }],
  ['int8 with int16 memory rank 1', { kind: 'integer', rank: 1, activation: 'RELU' }],
  ['int8 with int16 memory rank 2', { kind: 'integer', rank: 2, activation: 'RELU' }],
];

export const svdfFamily: DiffFamily = {
  name: 'SVDF',
  cases: (seed) => VARIANTS.map(([name, v], i) => svdfCase(name, seed + i, v)),
};
