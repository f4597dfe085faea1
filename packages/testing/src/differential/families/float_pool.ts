/** MAX_POOL_2D and AVERAGE_POOL_2D, float32: SAME/VALID, strides, filter sizes, fused activation. */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { outSize, poolOptions, type Window } from '../options.js';
import { normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

export interface PoolSpec extends Window {
  readonly input: readonly [number, number, number, number];
  readonly filter: readonly [number, number];
}

export function poolOutputShape(s: PoolSpec): number[] {
  const [n, h, w, c] = s.input;
  return [n, outSize(s.padding, h, s.filter[0], s.stride[0]), outSize(s.padding, w, s.filter[1], s.stride[1]), c];
}

export function describePool(op: string, s: PoolSpec, dtype: string): string {
  return `${op} ${dtype} ${s.padding} filter ${s.filter.join('x')} stride ${s.stride.join('x')} on [${s.input}] ${s.activation ?? 'NONE'}`;
}

function pool(rng: Rng, opcode: number, op: string, s: PoolSpec): DiffCase {
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape: s.input }, normalFloats(rng, s.input));
  const out = b.output({ dtype: 'float32', shape: poolOutputShape(s) });
  b.op(opcode, [input], [out], poolOptions(s, s.filter));
  return b.build(describePool(op, s, 'float32'));
}

export const POOLS: PoolSpec[] = [
  { padding: 'VALID', stride: [2, 2], input: [1, 8, 8, 3], filter: [2, 2] },
  { padding: 'SAME', stride: [2, 2], input: [1, 7, 9, 2], filter: [3, 3] },
  { padding: 'SAME', stride: [1, 1], input: [2, 5, 5, 4], filter: [3, 2], activation: 'RELU6' },
  { padding: 'VALID', stride: [2, 1], input: [1, 9, 6, 1], filter: [3, 3], activation: 'RELU' },
];

/** A random pool window; VALID inputs are at least as large as the filter. */
function randomPool(rng: Rng): PoolSpec {
  const filter: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
  return {
    padding: rng.pick(['SAME', 'VALID'] as const),
    stride: [rng.int(1, 3), rng.int(1, 3)],
    input: [rng.int(1, 2), filter[0] + rng.int(0, 6), filter[1] + rng.int(0, 6), rng.int(1, 4)],
    filter,
    activation: rng.pick(['NONE', 'RELU', 'RELU6'] as const),
  };
}

export const floatPoolFamily: DiffFamily = {
  name: 'MAX_POOL_2D / AVERAGE_POOL_2D float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 3);
    return [...POOLS, randomPool(rng), randomPool(rng)].flatMap((s) => [
      pool(rng, BuiltinOp.MAX_POOL_2D, 'MAX_POOL_2D', s),
      pool(rng, BuiltinOp.AVERAGE_POOL_2D, 'AVERAGE_POOL_2D', s),
    ]);
  },
};
