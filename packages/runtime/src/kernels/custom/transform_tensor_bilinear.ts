/**
 * MediaPipe's TransformTensorBilinear, version 2 (the only version MediaPipe's op resolver registers): an
 * affine crop. Each output pixel (x, y) samples the input [1, H, W, C] bilinearly at the first two rows of a
 * 4×4 transform [1, 4, 4] applied to (x, y) with MediaPipe's half-pixel correction (the transform is wrapped
 * as S·T·A, S and A shifting by ∓0.5). A sample outside [0, W−1] × [0, H−1] is 0; corners past the edge read 0.
 * The output keeps the shape the model declares (MediaPipe's prepare does not resize it; the
 * output_height/output_width options are not read); its channels must match the input's. float32 rounding
 * follows transform_tensor_bilinear.cc, the contributions' 1.0 − w terms in double.
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape } from '../../core/shape.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { affineRows, applyRow } from './affine_rows.js';

export const TRANSFORM_TENSOR_BILINEAR_CODE = 'TransformTensorBilinear';

const f = Math.fround;

interface Plan {
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly channels: number;
}

/** Sample of channel `c` at (tx, ty), inside the image. */
function bilinear(x: Float32Array, p: Plan, tx: number, ty: number, c: number): number {
  const x0 = Math.floor(tx), y0 = Math.floor(ty);
  const read = (h: number, w: number) => (h < 0 || w < 0 || h >= p.inH || w >= p.inW ? 0 : x[(h * p.inW + w) * p.channels + c]!);
  const q11 = read(y0, x0), q21 = read(y0, x0 + 1), q12 = read(y0 + 1, x0), q22 = read(y0 + 1, x0 + 1);
  const right = f(tx - x0), lower = f(ty - y0);
  const upperRow = f((1 - right) * q11 + f(right * q21));
  const lowerRow = f((1 - right) * q12 + f(right * q22));
  return f(f(lower * lowerRow) + (1 - lower) * upperRow);
}

export const TRANSFORM_TENSOR_BILINEAR_KERNEL: KernelRegistration<null, Plan> = {
  op: BuiltinOp.CUSTOM,
  name: `${TRANSFORM_TENSOR_BILINEAR_CODE} v2 (float32, reference)`,
  supports: (node) => node.customCode === TRANSFORM_TENSOR_BILINEAR_CODE,
  parseOptions: () => null,
  prepare(node) {
    if (node.version !== 2) throw unsupported(node, `version ${node.version}: MediaPipe registers TransformTensorBilinear version 2 only`);
    const input = requireInput(node, 0), matrix = requireInput(node, 1);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'input'], [matrix, 'transform'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
    expectRank(node, input, 4, 'input');
    expectRank(node, output, 4, 'output');
    const [batch, inH, inW, channels] = input.shape as [number, number, number, number];
    const [outBatch, outH, outW, outC] = output.shape as [number, number, number, number];
    if (batch !== 1 || outBatch !== 1) throw shapeError(node, 'MediaPipe transforms the first batch only, so input and output batches must be 1');
    if (outC !== channels) throw shapeError(node, `output ${formatShape(output.shape)} must have the input's ${channels} channels`);
    if (matrix.shape.reduce((a, d) => a * d, 1) !== 16) throw shapeError(node, 'the transform must be a 4×4 matrix');
    return { inH, inW, outH, outW, channels };
  },
  eval(node, p) {
    const x = node.inputs[0]!.data as Float32Array;
    const { x: rx, y: ry } = affineRows(node.inputs[1]!.data as Float32Array);
    // Half-pixel correction, computed in double and stored back in float32 as MediaPipe does.
    const rowX = [rx[0], rx[1], rx[2], f(rx[3] + (rx[0] * 0.5 + rx[1] * 0.5 - 0.5))] as const;
    const rowY = [ry[0], ry[1], ry[2], f(ry[3] + (ry[0] * 0.5 + ry[1] * 0.5 - 0.5))] as const;
    const out = node.outputs[0]!.data as Float32Array;
    const C = p.channels;
    for (let oy = 0, at = 0; oy < p.outH; oy++) {
      for (let ox = 0; ox < p.outW; ox++, at += C) {
        const tx = applyRow(rowX, ox, oy), ty = applyRow(rowY, ox, oy);
        const outside = tx < 0 || tx > p.inW - 1 || ty < 0 || ty > p.inH - 1;
        for (let c = 0; c < C; c++) out[at + c] = outside ? 0 : bilinear(x, p, tx, ty, c);
      }
    }
  },
};
