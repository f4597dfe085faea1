/**
 * Extra data-movement ops on float32 and quantized int8/uint8 tensors: SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND
 * (rank 3 and 4, paddings and crops), DEPTH_TO_SPACE / SPACE_TO_DEPTH, SPLIT_V (with a −1 size), MIRROR_PAD
 * (REFLECT and SYMMETRIC), TILE, BROADCAST_TO, GATHER_ND, ZEROS_LIKE, FILL, REVERSE_V2, RANK, and quantized
 * RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR.
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from './case_builder.js';
import { FLOAT32, quantizedType, spec, type ElementType } from './families/element_type.js';
import { i32, normalFloats } from './random_data.js';
import { Rng } from './rng.js';

/** One op with a data input, constant int32 side inputs and one output of a known shape. */
function oneOp(
  rng: Rng, e: ElementType, op: keyof typeof BuiltinOp, inShape: number[], consts: { shape: number[]; values: number[] }[],
  outShape: number[], options: BuiltinOptions | null, note: string,
): DiffCase {
  const b = new CaseBuilder();
  const x = b.input(spec(e, inShape), e.values(rng, inShape));
  const side = consts.map((c) => b.constant({ dtype: 'int32', shape: c.shape }, i32(c.values)));
  const out = b.output(spec(e, outShape));
  // TFLite registers BROADCAST_TO from version 2 only.
  b.op(BuiltinOp[op], [x, ...side], [out], options, op === 'BROADCAST_TO' ? 2 : 1);
  return b.build(`${op} ${e.dtype} [${inShape}] ${note}`);
}

function splitV(rng: Rng, e: ElementType, shape: number[], sizes: number[], axis: number, outSizes: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input(spec(e, shape), e.values(rng, shape));
  const sizesT = b.constant({ dtype: 'int32', shape: [sizes.length] }, i32(sizes));
  const axisT = b.constant({ dtype: 'int32', shape: [] }, i32([axis]));
  const a = axis < 0 ? axis + shape.length : axis;
  const outs = outSizes.map((s) => b.output(spec(e, shape.map((d, i) => (i === a ? s : d)))));
  b.op(BuiltinOp.SPLIT_V, [x, sizesT, axisT], outs, { kind: 'SplitVOptions', numSplits: sizes.length });
  return b.build(`SPLIT_V ${e.dtype} [${shape}] sizes [${sizes}] axis ${axis}`);
}

function gatherNd(rng: Rng, e: ElementType, shape: number[], indices: number[][]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input(spec(e, shape), e.values(rng, shape));
  const depth = indices[0]!.length;
  const idx = b.constant({ dtype: 'int32', shape: [indices.length, depth] }, i32(indices.flat()));
  const out = b.output(spec(e, [indices.length, ...shape.slice(depth)]));
  b.op(BuiltinOp.GATHER_ND, [x, idx], [out]);
  return b.build(`GATHER_ND ${e.dtype} [${shape}] with ${indices.length} index tuples of ${depth}`);
}

/** FILL with a run-time scalar value, then ADD of the input so the graph has a real input-dependent result. */
function fillAndZeros(rng: Rng, dims: number[]): DiffCase {
  const b = new CaseBuilder();
  const value = b.input({ dtype: 'float32', shape: [] }, normalFloats(rng, [1]));
  const dimsT = b.constant({ dtype: 'int32', shape: [dims.length] }, i32(dims));
  const filled = b.output({ dtype: 'float32', shape: dims });
  const zeros = b.output({ dtype: 'float32', shape: dims });
  b.op(BuiltinOp.FILL, [dimsT, value], [filled]);
  b.op(BuiltinOp.ZEROS_LIKE, [filled], [zeros]);
  return b.build(`FILL float32 dims [${dims}] then ZEROS_LIKE`);
}

/** RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR on a quantized tensor (same parameters in and out). */
function resize(
  rng: Rng, e: ElementType, op: 'RESIZE_BILINEAR' | 'RESIZE_NEAREST_NEIGHBOR', inShape: number[], size: [number, number],
  mode: 'default' | 'align_corners' | 'half_pixel',
): DiffCase {
  const kind = op === 'RESIZE_BILINEAR' ? 'ResizeBilinearOptions' : 'ResizeNearestNeighborOptions';
  const options: BuiltinOptions = { kind, alignCorners: mode === 'align_corners', halfPixelCenters: mode === 'half_pixel' };
  const outShape = [inShape[0]!, size[0], size[1], inShape[3]!];
  return oneOp(rng, e, op, inShape, [{ shape: [2], values: size }], outShape, options, `to ${size.join('x')} ${mode}`);
}

/** RANK of an input, added to an int32 input (LiteRT cannot return RANK's constant-like result directly). */
function rank(rng: Rng, shape: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const y = b.input({ dtype: 'int32', shape: [2] }, Int32Array.from([rng.int(-9, 9), rng.int(-9, 9)]));
  const r = b.intermediate({ dtype: 'int32', shape: [] });
  const out = b.output({ dtype: 'int32', shape: [2] });
  b.op(BuiltinOp.RANK, [x], [r]);
  b.op(BuiltinOp.ADD, [r, y], [out], { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
  return b.build(`RANK of [${shape}]`);
}

const mirror = (mode: 'REFLECT' | 'SYMMETRIC'): BuiltinOptions => ({ kind: 'MirrorPadOptions', mode });
const block = (kind: 'DepthToSpaceOptions' | 'SpaceToDepthOptions', blockSize: number): BuiltinOptions => ({ kind, blockSize });

export const extraLayoutFamily: DiffFamily = {
  name: 'extra layout ops',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 104);
    const i8 = quantizedType(rng, 'int8');
    const u8 = quantizedType(rng, 'uint8');
    const p = (shape: number[], values: number[]) => ({ shape, values });
    return [
      oneOp(rng, FLOAT32, 'SPACE_TO_BATCH_ND', [1, 4, 6, 3], [p([2], [2, 2]), p([2, 2], [0, 0, 0, 0])], [4, 2, 3, 3], null, 'block 2x2'),
      oneOp(rng, FLOAT32, 'SPACE_TO_BATCH_ND', [2, 5, 3, 2], [p([2], [2, 3]), p([2, 2], [1, 0, 2, 1])], [12, 3, 2, 2], null, 'block 2x3 padded'),
      oneOp(rng, i8, 'SPACE_TO_BATCH_ND', [1, 3, 3, 2], [p([2], [2, 2]), p([2, 2], [1, 0, 0, 1])], [4, 2, 2, 2], null, 'block 2x2 padded with the zero point'),
      oneOp(rng, FLOAT32, 'SPACE_TO_BATCH_ND', [2, 5, 3], [p([1], [3]), p([1, 2], [1, 0])], [6, 2, 3], null, 'rank 3 block 3'),
      oneOp(rng, FLOAT32, 'BATCH_TO_SPACE_ND', [4, 2, 3, 3], [p([2], [2, 2]), p([2, 2], [0, 0, 0, 0])], [1, 4, 6, 3], null, 'block 2x2'),
      oneOp(rng, FLOAT32, 'BATCH_TO_SPACE_ND', [12, 3, 2, 2], [p([2], [2, 3]), p([2, 2], [1, 0, 2, 1])], [2, 5, 3, 2], null, 'block 2x3 cropped'),
      oneOp(rng, u8, 'BATCH_TO_SPACE_ND', [8, 2, 2, 3], [p([2], [2, 2]), p([2, 2], [0, 1, 1, 0])], [2, 3, 3, 3], null, 'block 2x2 cropped'),
      oneOp(rng, FLOAT32, 'BATCH_TO_SPACE_ND', [6, 2, 3], [p([1], [3]), p([1, 2], [1, 0])], [2, 5, 3], null, 'rank 3 block 3'),
      oneOp(rng, FLOAT32, 'DEPTH_TO_SPACE', [1, 2, 3, 8], [], [1, 4, 6, 2], block('DepthToSpaceOptions', 2), 'block 2'),
      oneOp(rng, i8, 'DEPTH_TO_SPACE', [2, 2, 2, 9], [], [2, 6, 6, 1], block('DepthToSpaceOptions', 3), 'block 3'),
      oneOp(rng, FLOAT32, 'SPACE_TO_DEPTH', [1, 4, 6, 3], [], [1, 2, 3, 12], block('SpaceToDepthOptions', 2), 'block 2'),
      oneOp(rng, u8, 'SPACE_TO_DEPTH', [2, 6, 3, 2], [], [2, 2, 1, 18], block('SpaceToDepthOptions', 3), 'block 3'),
      splitV(rng, FLOAT32, [3, 7, 2], [2, -1, 3], 1, [2, 2, 3]),
      splitV(rng, i8, [5, 4], [1, 4], 0, [1, 4]),
      splitV(rng, FLOAT32, [2, 3, 6], [1, 2, 3], -1, [1, 2, 3]),
      oneOp(rng, FLOAT32, 'MIRROR_PAD', [3, 4], [p([2, 2], [2, 1, 3, 0])], [6, 7], mirror('REFLECT'), 'REFLECT'),
      oneOp(rng, FLOAT32, 'MIRROR_PAD', [1, 3, 4, 2], [p([4, 2], [0, 0, 3, 2, 1, 4, 0, 0])], [1, 8, 9, 2], mirror('SYMMETRIC'), 'SYMMETRIC'),
      oneOp(rng, i8, 'MIRROR_PAD', [1, 4, 3, 2], [p([4, 2], [0, 0, 1, 1, 2, 2, 0, 0])], [1, 6, 7, 2], mirror('REFLECT'), 'REFLECT'),
      oneOp(rng, FLOAT32, 'TILE', [2, 3], [p([2], [2, 3])], [4, 9], null, 'multiples [2,3]'),
      oneOp(rng, u8, 'TILE', [1, 2, 3], [p([3], [3, 1, 2])], [3, 2, 6], null, 'multiples [3,1,2]'),
      oneOp(rng, FLOAT32, 'BROADCAST_TO', [3, 1], [p([3], [2, 3, 4])], [2, 3, 4], null, 'to [2,3,4]'),
      oneOp(rng, i8, 'BROADCAST_TO', [1, 4], [p([2], [3, 4])], [3, 4], null, 'to [3,4]'),
      gatherNd(rng, FLOAT32, [4, 3, 2], [[3, 1], [0, 2], [2, 0]]),
      gatherNd(rng, FLOAT32, [3, 4], [[1], [2], [0], [1]]),
      gatherNd(rng, i8, [2, 3, 4], [[1, 2, 3], [0, 0, 0]]),
      fillAndZeros(rng, [2, 3, 4]),
      oneOp(rng, FLOAT32, 'REVERSE_V2', [2, 3, 4], [p([1], [1])], [2, 3, 4], null, 'axis 1'),
      oneOp(rng, i8, 'REVERSE_V2', [3, 4], [p([2], [0, -1])], [3, 4], null, 'axes 0 and -1'),
      rank(rng, [2, 3, 4]),
      resize(rng, i8, 'RESIZE_BILINEAR', [1, 4, 5, 3], [8, 10], 'default'),
      resize(rng, i8, 'RESIZE_BILINEAR', [1, 5, 4, 2], [9, 7], 'half_pixel'),
      resize(rng, u8, 'RESIZE_BILINEAR', [2, 3, 3, 2], [7, 5], 'align_corners'),
      resize(rng, u8, 'RESIZE_BILINEAR', [1, 6, 6, 3], [4, 3], 'default'),
      resize(rng, i8, 'RESIZE_NEAREST_NEIGHBOR', [1, 3, 4, 2], [7, 9], 'default'),
      resize(rng, u8, 'RESIZE_NEAREST_NEIGHBOR', [1, 4, 4, 3], [9, 6], 'half_pixel'),
      resize(rng, i8, 'RESIZE_NEAREST_NEIGHBOR', [2, 5, 3, 1], [3, 8], 'align_corners'),
    ];
  },
};
