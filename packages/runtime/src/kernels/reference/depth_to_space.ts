/**
 * DEPTH_TO_SPACE (every dtype, NHWC, TFLite's DCR order): output [N, H·b, W·b, C/b²] with
 * out[n, y·b + by, x·b + bx, c] = in[n, y, x, (by·b + bx)·C/b² + c] — one strided walk of the input read in
 * output order [N, H, b, W, b, C/b²].
 */
import { ModelFormatError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BlockSizeOptions, BuiltinOptions } from '../../core/options.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

export function parseBlockSizeOptions(raw: BuiltinOptions | null, kind: BlockSizeOptions['kind']): BlockSizeOptions {
  if (raw !== null && raw.kind === kind) return raw;
  throw new ModelFormatError(`expected ${kind}, found ${raw === null ? 'no options' : raw.kind}`);
}

export const DEPTH_TO_SPACE_KERNEL: KernelRegistration<BlockSizeOptions, StridedBox> = {
  op: BuiltinOp.DEPTH_TO_SPACE,
  name: 'DEPTH_TO_SPACE (all dtypes, reference)',
  parseOptions: (raw) => parseBlockSizeOptions(raw, 'DepthToSpaceOptions'),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    expectRank(node, input, 4, 'input');
    const b = node.options.blockSize;
    const [n, h, w, c] = input.shape as [number, number, number, number];
    if (b < 1 || c % (b * b) !== 0) throw shapeError(node, `${c} channels do not divide by block ${b}²`);
    const oc = c / (b * b);
    output.shape = [n, h * b, w * b, oc];
    return { shape: [n, h, b, w, b, oc], strides: [h * w * c, w * c, b * oc, c, oc, 1], offset: 0 };
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
