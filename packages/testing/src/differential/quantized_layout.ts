/**
 * Layout ops on quantized tensors (int8, uint8, int16) at the edges families/quant_layout.ts does not reach:
 * zero points at the ends of each type's range (so PAD's fill value, which must be the zero point, shows),
 * very small and very large scales, negative axes, rank 0, 1 and 5, GATHER with batch_dims, STRIDED_SLICE
 * with an ellipsis, and a chain of layout ops whose intermediates carry the quantization through. Element
 * values only move, so every output must equal LiteRT's exactly.
 */
import { BuiltinOp, type BuiltinOptions, type StridedSliceOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from './case_builder.js';
import { spec, type ElementType } from './families/element_type.js';
import { i32, randomInts, type QuantDType } from './random_data.js';
import { Rng } from './rng.js';

/** A quantized element type with fixed parameters (extreme zero points, extreme scales). */
export function fixedQuantType(dtype: QuantDType, scale: number, zeroPoint: number): ElementType {
  return {
    dtype,
    quantization: perTensor(Math.fround(scale), zeroPoint),
    values: (rng, shape) => randomInts(rng, dtype, shape),
  };
}

/** The types every case runs on: each dtype with its zero point at both ends (int16: 0) and odd scales. */
export const EDGE_TYPES: readonly ElementType[] = [
  fixedQuantType('int8', 0.0037, -128),
  fixedQuantType('int8', 1.7e-6, 127),
  fixedQuantType('uint8', 250, 0),
  fixedQuantType('uint8', 0.02, 255),
  fixedQuantType('int16', 3.1e-7, 0),
  fixedQuantType('int16', 12.5, 0),
];

const describeType = (e: ElementType): string =>
  `${e.dtype} (scale ${e.quantization!.scale[0]!.toPrecision(2)}, zero point ${e.quantization!.zeroPoint[0]})`;

interface OneOp {
  readonly name: string;
  readonly opcode: number;
  readonly input: number[];
  readonly output: number[];
  /** Constant int32 operands after the data input, as [values, shape]. */
  readonly consts?: readonly (readonly [number[], number[]])[];
  readonly options?: BuiltinOptions;
}

function oneOp(rng: Rng, e: ElementType, s: OneOp): DiffCase {
  const b = new CaseBuilder();
  const x = b.input(spec(e, s.input), e.values(rng, s.input));
  const consts = (s.consts ?? []).map(([v, shape]) => b.constant({ dtype: 'int32', shape }, i32(v)));
  const y = b.output(spec(e, s.output), EXACT);
  b.op(s.opcode, [x, ...consts], [y], s.options ?? null);
  return b.build(`${s.name} ${describeType(e)} [${s.input}] -> [${s.output}]`);
}

const sliceOptions = (masks: Partial<Omit<StridedSliceOptions, 'kind'>>): StridedSliceOptions => ({
  kind: 'StridedSliceOptions', beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, offset: false, ...masks,
});

const ONE_OPS: readonly OneOp[] = [
  { name: 'PAD fills with the zero point', opcode: BuiltinOp.PAD, input: [1, 3, 3, 2], output: [1, 6, 6, 2], consts: [[[0, 0, 1, 2, 2, 1, 0, 0], [4, 2]]] },
  { name: 'PAD rank 1', opcode: BuiltinOp.PAD, input: [5], output: [9], consts: [[[3, 1], [1, 2]]] },
  { name: 'TRANSPOSE rank 5 perm [4,0,3,1,2]', opcode: BuiltinOp.TRANSPOSE, input: [2, 3, 1, 4, 2], output: [2, 2, 4, 3, 1], consts: [[[4, 0, 3, 1, 2], [5]]] },
  { name: 'RESHAPE to [-1] from a shape tensor', opcode: BuiltinOp.RESHAPE, input: [2, 3, 4], output: [24], consts: [[[-1], [1]]] },
  { name: 'SQUEEZE dims [-1]', opcode: BuiltinOp.SQUEEZE, input: [2, 3, 1], output: [2, 3], options: { kind: 'SqueezeOptions', squeezeDims: [-1] } },
  { name: 'EXPAND_DIMS of a scalar', opcode: BuiltinOp.EXPAND_DIMS, input: [], output: [1], consts: [[[0], []]] },
  { name: 'SLICE begin [0,1,0,2] size [-1,2,-1,-1]', opcode: BuiltinOp.SLICE, input: [2, 3, 2, 5], output: [2, 2, 2, 3], consts: [[[0, 1, 0, 2], [4]], [[-1, 2, -1, -1], [4]]] },
  {
    name: 'STRIDED_SLICE ellipsis then last axis 1:3', opcode: BuiltinOp.STRIDED_SLICE, input: [2, 3, 4, 5], output: [2, 3, 4, 2],
    consts: [[[0, 1], [2]], [[0, 3], [2]], [[1, 1], [2]]], options: sliceOptions({ ellipsisMask: 1 }),
  },
  {
    name: 'STRIDED_SLICE negative stride with begin and end masks', opcode: BuiltinOp.STRIDED_SLICE, input: [6, 4], output: [3, 4],
    consts: [[[0, 0], [2]], [[0, 0], [2]], [[-2, 1], [2]]], options: sliceOptions({ beginMask: 3, endMask: 3 }),
  },
];

function gather(rng: Rng, e: ElementType, params: number[], indices: number[], axis: number, batchDims: number, out: number[]): DiffCase {
  const b = new CaseBuilder();
  const p = b.input(spec(e, params), e.values(rng, params));
  const axisSize = params[axis < 0 ? params.length + axis : axis]!;
  const idx = b.constant({ dtype: 'int32', shape: indices }, randomInts(rng, 'int32', indices, 0, axisSize - 1) as Int32Array);
  const y = b.output(spec(e, out), EXACT);
  b.op(BuiltinOp.GATHER, [p, idx], [y], { kind: 'GatherOptions', axis, batchDims });
  return b.build(`GATHER ${describeType(e)} params [${params}] indices [${indices}] axis ${axis} batch_dims ${batchDims}`);
}

function multiOutput(rng: Rng, e: ElementType, kind: 'SPLIT' | 'PACK' | 'CONCATENATION'): DiffCase {
  const b = new CaseBuilder();
  if (kind === 'SPLIT') {
    const axis = b.constant({ dtype: 'int32', shape: [] }, i32([-1]));
    const x = b.input(spec(e, [3, 4]), e.values(rng, [3, 4]));
    const outs = [0, 1].map(() => b.output(spec(e, [3, 2]), EXACT));
    b.op(BuiltinOp.SPLIT, [axis, x], outs, { kind: 'SplitOptions', numSplits: 2 });
    return b.build(`SPLIT ${describeType(e)} [3,4] in 2 on axis -1`);
  }
  if (kind === 'PACK') {
    const xs = [0, 1].map(() => b.input(spec(e, [2, 3]), e.values(rng, [2, 3])));
    const y = b.output(spec(e, [2, 3, 2]), EXACT);
    b.op(BuiltinOp.PACK, xs, [y], { kind: 'PackOptions', valuesCount: 2, axis: 2 });
    return b.build(`PACK ${describeType(e)} 2 x [2,3] on axis 2`);
  }
  const xs = [[3], [5]].map((s) => b.input(spec(e, s), e.values(rng, s)));
  const y = b.output(spec(e, [8]), EXACT);
  b.op(BuiltinOp.CONCATENATION, xs, [y], { kind: 'ConcatenationOptions', axis: 0, fusedActivation: 'NONE' });
  return b.build(`CONCATENATION ${describeType(e)} rank 1 [3] + [5]`);
}

/** RESHAPE → TRANSPOSE → PAD → STRIDED_SLICE, each intermediate carrying the same quantization. */
function chain(rng: Rng, e: ElementType): DiffCase {
  const b = new CaseBuilder();
  const c = (v: number[], shape: number[]): number => b.constant({ dtype: 'int32', shape }, i32(v));
  const x = b.input(spec(e, [24]), e.values(rng, [24]));
  const r = b.intermediate(spec(e, [2, 3, 4]));
  const t = b.intermediate(spec(e, [4, 2, 3]));
  const p = b.intermediate(spec(e, [5, 2, 5]));
  const y = b.output(spec(e, [3, 2, 3]), EXACT);
  b.op(BuiltinOp.RESHAPE, [x, c([2, 3, 4], [3])], [r], { kind: 'ReshapeOptions', newShape: [2, 3, 4] });
  b.op(BuiltinOp.TRANSPOSE, [r, c([2, 0, 1], [3])], [t]);
  b.op(BuiltinOp.PAD, [t, c([1, 0, 0, 0, 1, 1], [3, 2])], [p]);
  b.op(BuiltinOp.STRIDED_SLICE, [p, c([0, 0, 0], [3]), c([5, 2, 5], [3]), c([2, 1, 2], [3])], [y], sliceOptions({}));
  return b.build(`RESHAPE > TRANSPOSE > PAD > STRIDED_SLICE chain ${describeType(e)}`);
}

/**
 * PAD (whose fill shows the zero point) and the chain run on every edge type; each other case on one type
 * per dtype, alternating between the two zero points, to keep the suite quick.
 */
export const quantizedLayoutEdgesFamily: DiffFamily = {
  name: 'layout ops on int8 / uint8 / int16 at the edges of their quantization',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 41);
    const others: ((e: ElementType) => DiffCase)[] = [
      ...ONE_OPS.filter((s) => s.opcode !== BuiltinOp.PAD).map((s) => (e: ElementType) => oneOp(rng, e, s)),
      (e) => gather(rng, e, [2, 3, 5], [4], -1, 0, [2, 3, 4]),
      (e) => gather(rng, e, [2, 4, 3], [2, 2], 1, 1, [2, 2, 3]),
      (e) => multiOutput(rng, e, 'SPLIT'),
      (e) => multiOutput(rng, e, 'PACK'),
      (e) => multiOutput(rng, e, 'CONCATENATION'),
    ];
    return EDGE_TYPES.flatMap((e, t) => [
      ...ONE_OPS.filter((s) => s.opcode === BuiltinOp.PAD).map((s) => oneOp(rng, e, s)),
      chain(rng, e),
      // Types come in pairs per dtype (low and high zero point): case k runs on member k mod 2.
      ...others.filter((_, k) => k % 2 === t % 2).map((make) => make(e)),
    ]);
  },
};
