/**
 * SPACE_TO_BATCH_ND (every dtype; rank 3 or 4): the zero-padded spatial grid is cut into block_h × block_w
 * interleaved sub-grids, each a new batch: output batch (sh·bw + sw)·N + n holds padded[n, y·bh + sh,
 * x·bw + sw]. Padding writes 0, or the output zero point for quantized tensors (TFLite's pad value).
 */
import { BuiltinOp } from '../../core/ops.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { defaultPadValue } from '../common/pad_fill.js';
import { as4d, fromAs4d, readBlockAndPads, type SpaceBatchGeometry } from '../common/space_batch.js';
import type { KernelRegistration } from '../kernel.js';

interface SpaceToBatchData {
  readonly g: SpaceBatchGeometry;
  readonly padValue: number | bigint;
}

export const SPACE_TO_BATCH_ND_KERNEL: KernelRegistration<null, SpaceToBatchData> = {
  op: BuiltinOp.SPACE_TO_BATCH_ND,
  name: 'SPACE_TO_BATCH_ND (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const { block, pads } = readBlockAndPads(node, input, 'paddings');
    const [n, h, w, c] = as4d(input.shape);
    const paddedH = h + pads[0][0] + pads[0][1];
    const paddedW = w + pads[1][0] + pads[1][1];
    if (paddedH % block[0] !== 0 || paddedW % block[1] !== 0) {
      throw shapeError(node, `padded size ${paddedH}x${paddedW} is not a multiple of the block ${block.join('x')}`);
    }
    const g: SpaceBatchGeometry = {
      spaceBatch: n, spaceH: h, spaceW: w, channels: c, blockH: block[0], blockW: block[1],
      before: [pads[0][0], pads[1][0]], batchH: paddedH / block[0], batchW: paddedW / block[1],
    };
    output.shape = fromAs4d(input.shape.length, n * block[0] * block[1], g.batchH, g.batchW, c);
    return { g, padValue: defaultPadValue(output) };
  },
  eval(node, { g, padValue }) {
    const input = elementsOf(node.inputs[0]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    const { spaceBatch, spaceH, spaceW, channels: c, blockH, blockW, batchH, batchW } = g;
    let o = 0;
    for (let ob = 0; ob < spaceBatch * blockH * blockW; ob++) {
      const n = ob % spaceBatch;
      const shift = Math.floor(ob / spaceBatch);
      const sh = Math.floor(shift / blockW);
      const sw = shift % blockW;
      for (let y = 0; y < batchH; y++) {
        const iy = y * blockH + sh - g.before[0];
        for (let x = 0; x < batchW; x++) {
          const ix = x * blockW + sw - g.before[1];
          if (iy < 0 || iy >= spaceH || ix < 0 || ix >= spaceW) {
            for (let k = 0; k < c; k++) out[o++] = padValue;
            continue;
          }
          const from = ((n * spaceH + iy) * spaceW + ix) * c;
          for (let k = 0; k < c; k++) out[o++] = input[from + k]!;
        }
      }
    }
  },
};
