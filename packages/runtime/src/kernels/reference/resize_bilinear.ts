/**
 * RESIZE_BILINEAR (float32, NHWC) with align_corners and half_pixel_centers, following TFLite's reference:
 * the four taps are weighted in float32 in the same order as the C++ expression.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ResizeBilinearOptions } from '../../core/options.js';
import { parseResizeBilinearOptions, prepareBilinearPlan, type BilinearPlan } from '../common/resize_shape.js';
import type { KernelRegistration } from '../kernel.js';

const f = Math.fround;

export const RESIZE_BILINEAR_KERNEL: KernelRegistration<ResizeBilinearOptions, BilinearPlan> = {
  op: BuiltinOp.RESIZE_BILINEAR,
  name: 'RESIZE_BILINEAR (float32, reference)',
  parseOptions: parseResizeBilinearOptions,
  supports: (node) => node.inputs[0]?.dtype === 'float32',
  prepare: prepareBilinearPlan,
  eval(node, p) {
    const input = node.inputs[0]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
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
          // Weights as the C++ reference forms them: v * (1 - dy) * (1 - dx), left to right, in float32.
          const wy0 = f(1 - dy);
          const wx0 = f(1 - dx);
          for (let ch = 0; ch < c; ch++) {
            const a = f(f(input[row0 + x0 + ch]! * wy0) * wx0);
            const bb = f(f(input[row1 + x0 + ch]! * dy) * wx0);
            const cc = f(f(input[row0 + x1 + ch]! * wy0) * dx);
            const d = f(f(input[row1 + x1 + ch]! * dy) * dx);
            out[pos++] = f(f(f(a + bb) + cc) + d);
          }
        }
      }
    }
  },
};
