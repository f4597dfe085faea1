/** RESIZE_NEAREST_NEIGHBOR (float32 and int32, NHWC) with align_corners and half_pixel_centers, as TFLite. */
import { BuiltinOp } from '../../core/ops.js';
import type { ResizeNearestNeighborOptions } from '../../core/options.js';
import { elementsOf } from '../common/elements.js';
import { nearestTaps } from '../common/resize_coords.js';
import { prepareResizePlan, type ResizeDims } from '../common/resize_shape.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface NearestPlan extends ResizeDims {
  readonly ys: Int32Array;
  readonly xs: Int32Array;
}

export const RESIZE_NEAREST_NEIGHBOR_KERNEL: KernelRegistration<ResizeNearestNeighborOptions, NearestPlan> = {
  op: BuiltinOp.RESIZE_NEAREST_NEIGHBOR,
  name: 'RESIZE_NEAREST_NEIGHBOR (float32/int32, reference)',
  parseOptions: (raw) =>
    optionsOrDefault(raw, ['ResizeNearestNeighborOptions'], {
      kind: 'ResizeNearestNeighborOptions',
      alignCorners: false,
      halfPixelCenters: false,
    }),
  supports: (node) => {
    const t = node.inputs[0];
    return t?.dtype === 'float32' || (t?.dtype === 'int32' && (t.quantization === null || t.quantization.scale.length === 0));
  },
  prepare: (node) => prepareResizePlan(node, nearestTaps),
  eval(node, p) {
    const input = elementsOf(node.inputs[0]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    const c = p.channels;
    const rowStride = p.inWidth * c;
    let pos = 0;
    for (let b = 0; b < p.batches; b++) {
      for (let y = 0; y < p.outHeight; y++) {
        const row = (b * p.inHeight + p.ys[y]!) * rowStride;
        for (let x = 0; x < p.outWidth; x++) {
          const src = row + p.xs[x]! * c;
          for (let ch = 0; ch < c; ch++) out[pos++] = input[src + ch]!;
        }
      }
    }
  },
};
