/**
 * BATCH_TO_SPACE_ND (every dtype; rank 3 or 4), the inverse of SPACE_TO_BATCH_ND: input batch
 * (sh·bw + sw)·N + n supplies output pixel [n, y·bh + sh − crop_top, x·bw + sw − crop_left]; pixels cropped
 * away are dropped.
 */
import { BuiltinOp } from '../../core/ops.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { as4d, fromAs4d, readBlockAndPads, type SpaceBatchGeometry } from '../common/space_batch.js';
import type { KernelRegistration } from '../kernel.js';

export const BATCH_TO_SPACE_ND_KERNEL: KernelRegistration<null, SpaceBatchGeometry> = {
  op: BuiltinOp.BATCH_TO_SPACE_ND,
  name: 'BATCH_TO_SPACE_ND (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const { block, pads: crops } = readBlockAndPads(node, input, 'crops');
    const [b, h, w, c] = as4d(input.shape);
    const blocks = block[0] * block[1];
    if (b % blocks !== 0) throw shapeError(node, `batch ${b} is not a multiple of the block size ${blocks}`);
    const outH = h * block[0] - crops[0][0] - crops[0][1];
    const outW = w * block[1] - crops[1][0] - crops[1][1];
    if (outH < 0 || outW < 0) throw shapeError(node, `crops [${crops.flat()}] exceed the block-scaled size`);
    output.shape = fromAs4d(input.shape.length, b / blocks, outH, outW, c);
    return {
      spaceBatch: b / blocks, spaceH: outH, spaceW: outW, channels: c, blockH: block[0], blockW: block[1],
      before: [crops[0][0], crops[1][0]], batchH: h, batchW: w,
    };
  },
  eval(node, g) {
    const input = elementsOf(node.inputs[0]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    const { spaceBatch, spaceH, spaceW, channels: c, blockH, blockW, batchH, batchW } = g;
    for (let ib = 0; ib < spaceBatch * blockH * blockW; ib++) {
      const n = ib % spaceBatch;
      const shift = Math.floor(ib / spaceBatch);
      const sh = Math.floor(shift / blockW);
      const sw = shift % blockW;
      for (let y = 0; y < batchH; y++) {
        const oy = y * blockH + sh - g.before[0];
        if (oy < 0 || oy >= spaceH) continue;
        for (let x = 0; x < batchW; x++) {
          const ox = x * blockW + sw - g.before[1];
          if (ox < 0 || ox >= spaceW) continue;
          const from = ((ib * batchH + y) * batchW + x) * c;
          const to = ((n * spaceH + oy) * spaceW + ox) * c;
          for (let k = 0; k < c; k++) out[to + k] = input[from + k]!;
        }
      }
    }
  },
};
