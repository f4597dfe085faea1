/**
 * Binary float32 ops with broadcasting: ADD, SUB, MUL, DIV (with fused activations), MAXIMUM, MINIMUM,
 * SQUARED_DIFFERENCE. Shapes cover equal shapes, a trailing vector, two-sided broadcasting, a rank-0
 * constant and operands of different rank.
 */
import { BuiltinOp, type FusedActivation } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { arithmeticOptions } from '../options.js';
import { normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

/** numpy-style broadcast of two shapes (assumed compatible). */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    return da === 1 ? db : da;
  });
}

export const SHAPE_PAIRS: readonly (readonly [number[], number[]])[] = [
  [[2, 3, 4], [2, 3, 4]],
  [[2, 3, 4, 5], [5]],
  [[2, 1, 4, 1], [1, 3, 1, 5]],
  [[4, 1, 3], [2, 1]],
  [[3, 4], []],
];

const ARITHMETIC = {
  ADD: 'AddOptions',
  SUB: 'SubOptions',
  MUL: 'MulOptions',
  DIV: 'DivOptions',
} as const;

const ACTIVATIONS: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];

/** Divisors kept away from zero: |y| in [0.5, 2]. */
function divisors(rng: Rng, shape: readonly number[]): Float32Array {
  return normalFloats(rng, shape).map((v) => Math.sign(v || 1) * (0.5 + Math.min(1.5, Math.abs(v))));
}

function binary(rng: Rng, op: keyof typeof BuiltinOp, pair: readonly [number[], number[]], activation: FusedActivation): DiffCase {
  const [sa, sb] = pair;
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: sa }, normalFloats(rng, sa, 2));
  const yData = op === 'DIV' ? divisors(rng, sb) : normalFloats(rng, sb, 2);
  // Rank-0 operands are constants (a scalar weight), the rest are subgraph inputs.
  const y = sb.length === 0 ? b.constant({ dtype: 'float32', shape: sb }, yData) : b.input({ dtype: 'float32', shape: sb }, yData);
  const out = b.output({ dtype: 'float32', shape: broadcastShape(sa, sb) });
  const kind = op in ARITHMETIC ? ARITHMETIC[op as keyof typeof ARITHMETIC] : null;
  b.op(BuiltinOp[op], [x, y], [out], kind ? arithmeticOptions(kind, activation) : null);
  return b.build(`${op} [${sa}] with [${sb}]${kind ? ` ${activation}` : ''}`);
}

/** A random shape pair that broadcasts: b drops leading dims of a and sets some of its dims to 1. */
export function randomShapePair(rng: Rng): [number[], number[]] {
  const a = rng.shape(rng.int(1, 4), 1, 5);
  const b = a.slice(rng.int(0, a.length - 1)).map((d) => (rng.next() < 0.4 ? 1 : d));
  return rng.bool() ? [a, b] : [b, a];
}

export const floatBinaryFamily: DiffFamily = {
  name: 'binary ops with broadcasting float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 5);
    const ops: (keyof typeof BuiltinOp)[] = ['ADD', 'SUB', 'MUL', 'DIV', 'MAXIMUM', 'MINIMUM', 'SQUARED_DIFFERENCE'];
    return ops.flatMap((op, i) =>
      [...SHAPE_PAIRS, randomShapePair(rng)].map((pair, j) =>
        binary(rng, op, pair, op in ARITHMETIC ? ACTIVATIONS[(i + j) % 4] : 'NONE'),
      ),
    );
  },
};
