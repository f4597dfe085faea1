/**
 * RESIZE_BILINEAR for int8 and uint8 with the output sharing the input's scale and zero point. Coordinates
 * are the float kernel's (XNNPACK's: common/resize_coords.ts); the blend is the fixed-point one LiteRT's
 * default XNNPACK path computes: the fractions as 11-bit weights (rounded half to even), the top and bottom
 * rows interpolated horizontally, then vertically, and the 22-bit result rounded half up — bit-exact against
 * LiteRT.js on the differential cases.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ResizeBilinearOptions } from '../../core/options.js';
import { sameQuantization } from '../common/layout_checks.js';
import { roundHalfEven } from '../common/quantization.js';
import { parseResizeBilinearOptions, prepareBilinearPlan, type BilinearPlan } from '../common/resize_shape.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';

interface QuantizedBilinearPlan extends BilinearPlan {
  readonly min: number;
  readonly max: number;
}

type Quantized = Int8Array | Uint8Array;

function supportsQuantized(node: NodeSignature): boolean {
  const input = node.inputs[0];
  const output = node.outputs[0];
  if (!input || !output || input.dtype !== output.dtype) return false;
  return (input.dtype === 'int8' || input.dtype === 'uint8') && sameQuantization(input.quantization, output.quantization);
}

export const RESIZE_BILINEAR_QUANTIZED_KERNEL: KernelRegistration<ResizeBilinearOptions, QuantizedBilinearPlan> = {
  op: BuiltinOp.RESIZE_BILINEAR,
  name: 'RESIZE_BILINEAR (int8/uint8, XNNPACK arithmetic)',
  parseOptions: parseResizeBilinearOptions,
  supports: supportsQuantized,
  prepare(node) {
    const plan = prepareBilinearPlan(node);
    const { min, max } = intRange(node.inputs[0]!.dtype as 'int8' | 'uint8');
    return { ...plan, min, max };
  },
  eval(node, p) {
    const input = node.inputs[0]!.data as Quantized;
    const out = node.outputs[0]!.data as Quantized;
    const c = p.channels;
    const rowStride = p.inWidth * c;
    let pos = 0;
    for (let b = 0; b < p.batches; b++) {
      const batchBase = b * p.inHeight * rowStride;
      for (let y = 0; y < p.outHeight; y++) {
        const dy = p.ys.frac[y]!;
        const row0 = batchBase + p.ys.lower[y]! * rowStride;
        const row1 = batchBase + p.ys.upper[y]! * rowStride;
        for (let x = 0; x < p.outWidth; x++) {
          const dx = p.xs.frac[x]!;
          const x0 = p.xs.lower[x]! * c;
          const x1 = p.xs.upper[x]! * c;
          const ah = roundHalfEven(Math.fround(dx * 2048));
          const av = roundHalfEven(Math.fround(dy * 2048));
          for (let ch = 0; ch < c; ch++) {
            const tl = input[row0 + x0 + ch]!;
            const bl = input[row1 + x0 + ch]!;
            const vt = tl * 2048 + (input[row0 + x1 + ch]! - tl) * ah;
            const vb = bl * 2048 + (input[row1 + x1 + ch]! - bl) * ah;
            const v = Math.floor((vt * 2048 + (vb - vt) * av + 2097152) / 4194304);
            out[pos++] = v < p.min ? p.min : v > p.max ? p.max : v;
          }
        }
      }
    }
  },
};
