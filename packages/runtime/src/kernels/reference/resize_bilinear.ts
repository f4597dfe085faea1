/**
 * RESIZE_BILINEAR (float32, NHWC) with align_corners and half_pixel_centers, as LiteRT's XNNPACK delegate
 * computes it (its f32 ibilinear kernel; TFLite's reference weighs the four taps in another order, which
 * differs in the last bits — enough, over the four upsamplings of a segmentation head, to exceed the
 * conformance tolerance): interpolate the top and bottom rows horizontally, then the two results vertically,
 * each step as a + (b − a)·α in float32.
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
          for (let ch = 0; ch < c; ch++) {
            const tl = input[row0 + x0 + ch]!;
            const bl = input[row1 + x0 + ch]!;
            const top = f(tl + f(f(input[row0 + x1 + ch]! - tl) * dx));
            const bottom = f(bl + f(f(input[row1 + x1 + ch]! - bl) * dx));
            out[pos++] = f(top + f(f(bottom - top) * dy));
          }
        }
      }
    }
  },
};
