/**
 * SPACE_TO_DEPTH (every dtype, NHWC), the inverse of DEPTH_TO_SPACE: output [N, H/b, W/b, C·b²] with
 * out[n, y, x, (by·b + bx)·C + c] = in[n, y·b + by, x·b + bx, c] — the input read in output order
 * [N, H/b, W/b, b, b, C].
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BlockSizeOptions } from '../../core/options.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';
import { parseBlockSizeOptions } from './depth_to_space.js';

export const SPACE_TO_DEPTH_KERNEL: KernelRegistration<BlockSizeOptions, StridedBox> = {
  op: BuiltinOp.SPACE_TO_DEPTH,
  name: 'SPACE_TO_DEPTH (all dtypes, reference)',
  parseOptions: (raw) => parseBlockSizeOptions(raw, 'SpaceToDepthOptions'),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    expectRank(node, input, 4, 'input');
    const b = node.options.blockSize;
    const [n, h, w, c] = input.shape as [number, number, number, number];
    if (b < 1 || h % b !== 0 || w % b !== 0) throw shapeError(node, `${h}x${w} does not divide by block ${b}`);
    output.shape = [n, h / b, w / b, c * b * b];
    return {
      shape: [n, h / b, w / b, b, b, c],
      strides: [h * w * c, b * w * c, b * c, w * c, c, 1],
      offset: 0,
    };
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
