/**
 * Element-wise float32 ops: activations (SOFTMAX with beta, LOGISTIC, TANH, RELU, RELU6, RELU_N1_TO_1,
 * LEAKY_RELU, HARD_SWISH) and unary math (RSQRT, SQRT, EXP, LOG) on random shapes.
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { normalFloats, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

interface UnarySpec {
  readonly op: keyof typeof BuiltinOp;
  readonly options?: BuiltinOptions;
  /** Input values: N(0, sd²) clipped at 3 sd, or uniform in [lo, hi). */
  readonly values: { sd: number } | { lo: number; hi: number };
  readonly rank: number;
  readonly note?: string;
}

function unary(rng: Rng, s: UnarySpec): DiffCase {
  const shape = rng.shape(s.rank, 1, 6);
  const data = 'sd' in s.values ? normalFloats(rng, shape, s.values.sd) : uniformFloats(rng, shape, s.values.lo, s.values.hi);
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape }, data);
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp[s.op], [input], [out], s.options ?? null);
  return b.build(`${s.op}${s.note ? ` ${s.note}` : ''} on [${shape}]`);
}

const softmax = (beta: number): BuiltinOptions => ({ kind: 'SoftmaxOptions', beta });

const SPECS: UnarySpec[] = [
  { op: 'SOFTMAX', options: softmax(1), values: { sd: 2 }, rank: 2, note: 'beta 1' },
  { op: 'SOFTMAX', options: softmax(0.5), values: { sd: 3 }, rank: 4, note: 'beta 0.5' },
  { op: 'SOFTMAX', options: softmax(2.5), values: { sd: 1 }, rank: 3, note: 'beta 2.5' },
  { op: 'LOGISTIC', values: { sd: 4 }, rank: 3 },
  { op: 'TANH', values: { sd: 3 }, rank: 2 },
  { op: 'RELU', values: { sd: 2 }, rank: 4 },
  { op: 'RELU6', values: { sd: 5 }, rank: 3 },
  { op: 'RELU_N1_TO_1', values: { sd: 2 }, rank: 2 },
  { op: 'LEAKY_RELU', options: { kind: 'LeakyReluOptions', alpha: 0.2 }, values: { sd: 2 }, rank: 4, note: 'alpha 0.2' },
  { op: 'LEAKY_RELU', options: { kind: 'LeakyReluOptions', alpha: 1.5 }, values: { sd: 2 }, rank: 1, note: 'alpha 1.5' },
  { op: 'HARD_SWISH', values: { sd: 3 }, rank: 4 },
  { op: 'RSQRT', values: { lo: 0.05, hi: 9 }, rank: 3 },
  { op: 'SQRT', values: { lo: 0, hi: 9 }, rank: 2 },
  { op: 'EXP', values: { sd: 2 }, rank: 3 },
  { op: 'LOG', values: { lo: 0.01, hi: 20 }, rank: 2 },
];

export const floatElementwiseFamily: DiffFamily = {
  name: 'activations and unary math float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 4);
    return SPECS.map((s) => unary(rng, s));
  },
};
