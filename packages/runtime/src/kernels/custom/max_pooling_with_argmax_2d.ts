/**
 * MediaPipe's MaxPoolingWithArgmax2D (float32): MAX_POOL_2D that also outputs, for each pooled value, where
 * in its window the maximum was — as a float, row·filter_width + column + 0.1 (the 0.1 survives the float
 * round trip into MaxUnpooling2D's integer cast). The first maximum in row-major window order wins; a window
 * entirely in the padding gives the lowest float and index 0.1. The fused activation applies to the values
 * only. Options: a raw TfLitePoolParams struct (max_pool_argmax.cc).
 */
import { BuiltinOp } from '../../core/ops.js';
import { clampActivation, floatActivationRange } from '../common/activation.js';
import { expectDType, expectRank, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { poolPadding, pooledSize, type PoolWindow } from './max_pool_geometry.js';
import { readPoolParams, type RawPoolParams } from './raw_params.js';

export const MAX_POOLING_WITH_ARGMAX_2D_CODE = 'MaxPoolingWithArgmax2D';

const LOWEST_FLOAT = -3.4028234663852886e38;

interface Plan extends PoolWindow {
  readonly min: number;
  readonly max: number;
}

export const MAX_POOLING_WITH_ARGMAX_2D_KERNEL: KernelRegistration<RawPoolParams, Plan> = {
  op: BuiltinOp.CUSTOM,
  name: `${MAX_POOLING_WITH_ARGMAX_2D_CODE} (float32, reference)`,
  supports: (node) => node.customCode === MAX_POOLING_WITH_ARGMAX_2D_CODE,
  parseOptions: (_raw, custom) => readPoolParams(custom, MAX_POOLING_WITH_ARGMAX_2D_CODE),
  prepare(node) {
    const input = requireInput(node, 0);
    const values = requireOutput(node, 0), indices = requireOutput(node, 1);
    for (const [t, what] of [[input, 'input'], [values, 'output'], [indices, 'indices output']] as const) {
      expectDType(node, t, ['float32'], what);
    }
    expectRank(node, input, 4, 'input');
    const p = node.options;
    const [batches, inH, inW, channels] = input.shape as [number, number, number, number];
    const same = p.padding === 'SAME';
    const outH = pooledSize(inH, p.filterH, p.strideH, same);
    const outW = pooledSize(inW, p.filterW, p.strideW, same);
    values.shape = [batches, outH, outW, channels];
    indices.shape = [batches, outH, outW, channels];
    const { min, max } = floatActivationRange(p.activation);
    return {
      batches, inH, inW, channels, outH, outW, p, min, max,
      padTop: poolPadding(p.strideH, inH, p.filterH, outH),
      padLeft: poolPadding(p.strideW, inW, p.filterW, outW),
    };
  },
  eval(node, g) {
    const x = node.inputs[0]!.data as Float32Array;
    const values = node.outputs[0]!.data as Float32Array;
    const indices = node.outputs[1]!.data as Float32Array;
    // Plain locals: the loop is hot in MediaPipe's segmentation models.
    const { inH, inW, channels: C, outH, outW, padTop, padLeft, min, max } = g;
    const { strideH, strideW, filterH, filterW } = g.p;
    let o = 0;
    for (let b = 0; b < g.batches; b++) {
      for (let oy = 0; oy < outH; oy++) {
        const y0 = oy * strideH - padTop;
        const ky0 = Math.max(0, -y0), ky1 = Math.min(filterH, inH - y0);
        for (let ox = 0; ox < outW; ox++) {
          const x0 = ox * strideW - padLeft;
          const kx0 = Math.max(0, -x0), kx1 = Math.min(filterW, inW - x0);
          const corner = ((b * inH + y0) * inW + x0) * C;
          for (let c = 0; c < C; c++, o++) {
            let best = LOWEST_FLOAT, bestY = 0, bestX = 0;
            for (let ky = ky0; ky < ky1; ky++) {
              const row = corner + ky * inW * C + c;
              for (let kx = kx0; kx < kx1; kx++) {
                const v = x[row + kx * C]!;
                if (v > best) {
                  best = v;
                  bestY = ky;
                  bestX = kx;
                }
              }
            }
            values[o] = clampActivation(best, min, max);
            indices[o] = bestY * filterW + bestX + 0.1;
          }
        }
      }
    }
  },
};
