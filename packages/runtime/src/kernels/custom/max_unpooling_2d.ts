/**
 * MediaPipe's MaxUnpooling2D (float32): the inverse of MaxPoolingWithArgmax2D. Each input value goes back to
 * the window position its index names (the float index truncated to an integer: row = idx / filter_width,
 * column = idx mod filter_width); every other output element is zero. The output is [N, H·filter_h,
 * W·filter_w, C]; an index that points outside the output is skipped, as MediaPipe's kernel does.
 * Options: a raw TfLitePoolParams struct (max_unpooling.cc; its activation is ignored there, and here).
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, shapesEqual } from '../../core/shape.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { poolPadding, type PoolWindow } from './max_pool_geometry.js';
import { readPoolParams, type RawPoolParams } from './raw_params.js';

export const MAX_UNPOOLING_2D_CODE = 'MaxUnpooling2D';

export const MAX_UNPOOLING_2D_KERNEL: KernelRegistration<RawPoolParams, PoolWindow> = {
  op: BuiltinOp.CUSTOM,
  name: `${MAX_UNPOOLING_2D_CODE} (float32, reference)`,
  supports: (node) => node.customCode === MAX_UNPOOLING_2D_CODE,
  parseOptions: (_raw, custom) => readPoolParams(custom, MAX_UNPOOLING_2D_CODE),
  prepare(node) {
    const input = requireInput(node, 0), indices = requireInput(node, 1);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'input'], [indices, 'indices'], [output, 'output']] as const) {
      expectDType(node, t, ['float32'], what);
    }
    expectRank(node, input, 4, 'input');
    expectRank(node, indices, 4, 'indices');
    if (!shapesEqual(input.shape, indices.shape)) {
      throw shapeError(node, `indices ${formatShape(indices.shape)} do not match input ${formatShape(input.shape)}`);
    }
    const p = node.options;
    const [batches, inH, inW, channels] = input.shape as [number, number, number, number];
    const outH = inH * p.filterH, outW = inW * p.filterW;
    output.shape = [batches, outH, outW, channels];
    // MediaPipe computes the padding as a pooling from the output back to the input.
    return {
      batches, inH, inW, channels, outH, outW, p,
      padTop: poolPadding(p.strideH, outH, p.filterH, inH),
      padLeft: poolPadding(p.strideW, outW, p.filterW, inW),
    };
  },
  eval(node, g) {
    const x = node.inputs[0]!.data as Float32Array;
    const indices = node.inputs[1]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
    const { channels: C, p } = g;
    out.fill(0);
    let i = 0;
    for (let b = 0; b < g.batches; b++) {
      for (let iy = 0; iy < g.inH; iy++) {
        for (let ix = 0; ix < g.inW; ix++) {
          for (let c = 0; c < C; c++, i++) {
            const idx = Math.trunc(indices[i]!);
            if (!Number.isFinite(idx)) continue;
            const oy = iy * p.strideH - g.padTop + Math.trunc(idx / p.filterW);
            const ox = ix * p.strideW - g.padLeft + (idx % p.filterW);
            if (oy >= 0 && oy < g.outH && ox >= 0 && ox < g.outW) out[((b * g.outH + oy) * g.outW + ox) * C + c] = x[i]!;
          }
        }
      }
    }
  },
};
