/**
 * MediaPipe's TransformLandmarks, version 2 (the only version MediaPipe's op resolver registers): landmarks
 * [1, N, D] (D = 2 or 3, x and y first) mapped by the first two rows of a 4×4 transform [1, 4, 4]:
 * x' = m00·x + m01·y + m03, y' = m10·x + m11·y + m13; z is copied. float32 as MediaPipe computes it
 * (transform_landmarks.cc). Version 2 takes no options. MediaPipe reads only the first batch, so a batch
 * other than 1 is refused.
 */
import { BuiltinOp } from '../../core/ops.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { affineRows, applyRow } from './affine_rows.js';

export const TRANSFORM_LANDMARKS_CODE = 'TransformLandmarks';

interface Plan {
  readonly count: number;
  readonly dims: number;
}

export const TRANSFORM_LANDMARKS_KERNEL: KernelRegistration<null, Plan> = {
  op: BuiltinOp.CUSTOM,
  name: `${TRANSFORM_LANDMARKS_CODE} v2 (float32, reference)`,
  supports: (node) => node.customCode === TRANSFORM_LANDMARKS_CODE,
  parseOptions: () => null,
  prepare(node) {
    if (node.version !== 2) throw unsupported(node, `version ${node.version}: MediaPipe registers TransformLandmarks version 2 only`);
    const input = requireInput(node, 0), matrix = requireInput(node, 1);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'landmarks'], [matrix, 'transform'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
    expectRank(node, input, 3, 'landmarks');
    const [batch, count, dims] = input.shape as [number, number, number];
    if (batch !== 1) throw shapeError(node, `a batch of ${batch}: MediaPipe transforms the first batch only, so only 1 is accepted`);
    if (dims !== 2 && dims !== 3) throw shapeError(node, `landmarks of ${dims} values; expected 2 (x, y) or 3 (x, y, z)`);
    if (matrix.shape.reduce((a, d) => a * d, 1) !== 16) throw shapeError(node, 'the transform must be a 4×4 matrix');
    output.shape = [...input.shape];
    return { count, dims };
  },
  eval(node, { count, dims }) {
    const x = node.inputs[0]!.data as Float32Array;
    const rows = affineRows(node.inputs[1]!.data as Float32Array);
    const out = node.outputs[0]!.data as Float32Array;
    for (let i = 0, at = 0; i < count; i++, at += dims) {
      const lx = x[at]!, ly = x[at + 1]!;
      out[at] = applyRow(rows.x, lx, ly);
      out[at + 1] = applyRow(rows.y, lx, ly);
      if (dims === 3) out[at + 2] = x[at + 2]!;
    }
  },
};
