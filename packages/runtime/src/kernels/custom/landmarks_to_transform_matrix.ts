/**
 * MediaPipe's Landmarks2TransformMatrix, version 2 (the only version MediaPipe's op resolver registers): from
 * landmarks [1, N, 3] (x, y, z) to the 4×4 transform [1, 4, 4] that TransformTensorBilinear crops with.
 * The rotation is target_rotation_radians − atan2 of the line from the left to the right rotation landmark;
 * the crop is the bounding box of the subset_idxs landmarks in that rotated frame (pairs; an odd last index
 * stands for a pair with itself), its centre rotated back. Output = shift(centre) · rotate(−rotation) ·
 * scale(scale · box / output size) · shift(−output size / 2), row major, in float32 as
 * landmarks_to_transform_matrix.cc computes it. MediaPipe reads only the first batch, so a batch other than 1
 * is refused, as are indices outside the landmarks.
 */
import { ModelFormatError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { expectDType, expectRank, nodeLabel, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { flexOptions } from './flex_options.js';

export const LANDMARKS_TO_TRANSFORM_MATRIX_CODE = 'Landmarks2TransformMatrix';

const f = Math.fround;

interface Options {
  readonly subset: readonly (readonly [number, number])[];
  readonly left: number;
  readonly right: number;
  readonly targetRotation: number;
  readonly outH: number;
  readonly outW: number;
  readonly scaleX: number;
  readonly scaleY: number;
}

function parse(custom: Uint8Array | null | undefined): Options {
  const o = flexOptions(custom, LANDMARKS_TO_TRANSFORM_MATRIX_CODE);
  const idx = o.ints('subset_idxs');
  const subset: [number, number][] = [];
  for (let i = 0; i + 1 < idx.length; i += 2) subset.push([idx[i]!, idx[i + 1]!]);
  if (idx.length % 2 === 1) subset.push([idx[idx.length - 1]!, idx[idx.length - 1]!]);
  return {
    subset, left: o.int('left_rotation_idx'), right: o.int('right_rotation_idx'),
    targetRotation: o.float('target_rotation_radians'), outH: o.int('output_height'), outW: o.int('output_width'),
    scaleX: o.float('scale_x'), scaleY: o.float('scale_y'),
  };
}

/** Scratch for the 4×4 products, made at prepare. */
interface Work {
  readonly t: Float32Array;
  readonly factor: Float32Array;
  readonly product: Float32Array;
}

/** m ← [[a, b, 0, tx], [c, d, 0, ty], [0, 0, 1, 0], [0, 0, 0, 1]] (row major): every factor has this form. */
function setAffine(m: Float32Array, a: number, b: number, tx: number, c: number, d: number, ty: number): void {
  m.fill(0);
  m[0] = a; m[1] = b; m[3] = tx;
  m[4] = c; m[5] = d; m[7] = ty;
  m[10] = 1; m[15] = 1;
}

/** t ← t · factor (row major), float32 sums in k order as Mat4::operator*= does. */
function multiplyInto(w: Work): void {
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum = f(sum + f(w.t[r * 4 + k]! * w.factor[k * 4 + c]!));
      w.product[r * 4 + c] = sum;
    }
  }
  w.t.set(w.product);
}

/** x (or y, with `row` 1) of (x, y, 1) rotated by r, float32 sums as Mat3 · float3 does. */
function rotated(x: number, y: number, r: number, row: 0 | 1): number {
  const c = f(Math.cos(r)), s = f(Math.sin(r));
  return row === 0 ? f(f(c * x) + f(f(-s) * y)) : f(f(s * x) + f(c * y));
}

function transformMatrix(lm: Float32Array, o: Options, w: Work): void {
  const x = (i: number) => lm[i * 3]!, y = (i: number) => lm[i * 3 + 1]!;
  const rotation = f(o.targetRotation - f(Math.atan2(f(y(o.right) - y(o.left)), f(x(o.right) - x(o.left)))));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const pair of o.subset) {
    for (const i of pair) {
      const rx = rotated(x(i), y(i), rotation, 0), ry = rotated(x(i), y(i), rotation, 1);
      minX = Math.min(minX, rx); maxX = Math.max(maxX, rx);
      minY = Math.min(minY, ry); maxY = Math.max(maxY, ry);
    }
  }
  const midX = f(f(minX + maxX) / 2), midY = f(f(minY + maxY) / 2);
  const cx = rotated(midX, midY, f(-rotation), 0), cy = rotated(midX, midY, f(-rotation), 1);
  const r = f(-rotation), cos = f(Math.cos(r)), sin = f(Math.sin(r));
  const sx = f(f(o.scaleX * f(maxX - minX)) / o.outW), sy = f(f(o.scaleY * f(maxY - minY)) / o.outH);
  setAffine(w.t, 1, 0, cx, 0, 1, cy);
  setAffine(w.factor, cos, f(-sin), 0, sin, cos, 0);
  multiplyInto(w);
  setAffine(w.factor, sx, 0, 0, 0, sy, 0);
  multiplyInto(w);
  setAffine(w.factor, 1, 0, f(-(o.outW / 2)), 0, 1, f(-(o.outH / 2)));
  multiplyInto(w);
}

export const LANDMARKS_TO_TRANSFORM_MATRIX_KERNEL: KernelRegistration<Options, Work> = {
  op: BuiltinOp.CUSTOM,
  name: `${LANDMARKS_TO_TRANSFORM_MATRIX_CODE} v2 (float32, reference)`,
  supports: (node) => node.customCode === LANDMARKS_TO_TRANSFORM_MATRIX_CODE,
  parseOptions: (_raw, custom) => parse(custom),
  prepare(node) {
    if (node.version !== 2) throw unsupported(node, `version ${node.version}: MediaPipe registers Landmarks2TransformMatrix version 2 only`);
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32'], 'landmarks');
    expectDType(node, output, ['float32'], 'output');
    expectRank(node, input, 3, 'landmarks');
    const [batch, count, dims] = input.shape as [number, number, number];
    if (batch !== 1) throw shapeError(node, `a batch of ${batch}: MediaPipe reads the first batch only, so only 1 is accepted`);
    if (dims !== 3) throw shapeError(node, `landmarks of ${dims} values; MediaPipe reads (x, y, z) triples`);
    const o = node.options;
    const where = nodeLabel(node);
    if (o.subset.length === 0) throw new ModelFormatError(`${where}: subset_idxs is empty`);
    for (const i of [o.left, o.right, ...o.subset.flat()]) {
      if (i < 0 || i >= count) throw new ModelFormatError(`${where}: landmark index ${i} is outside the ${count} landmarks`);
    }
    if (o.outH <= 0 || o.outW <= 0 || !(o.scaleX > 0) || !(o.scaleY > 0)) {
      throw new ModelFormatError(`${where}: output size and scales must be positive`);
    }
    output.shape = [1, 4, 4];
    return { t: new Float32Array(16), factor: new Float32Array(16), product: new Float32Array(16) };
  },
  eval(node, work) {
    transformMatrix(node.inputs[0]!.data as Float32Array, node.options, work);
    (node.outputs[0]!.data as Float32Array).set(work.t);
  },
};
