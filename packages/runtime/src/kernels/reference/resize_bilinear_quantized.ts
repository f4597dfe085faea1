/**
 * RESIZE_BILINEAR for int8, uint8 and int16 with the output sharing the input's scale and zero point: the
 * float kernel's coordinate rules (align_corners, half_pixel_centers), the four taps blended in float and
 * rounded half away from zero. TFLite's integer kernels blend with 10-bit (XNNPACK: 11-bit) fixed-point
 * weights; the results agree within one quantization step.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ResizeBilinearOptions } from '../../core/options.js';
import { sameQuantization } from '../common/layout_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { roundHalfAway } from '../common/quantization.js';
import { bilinearTaps, type BilinearTaps } from '../common/resize_coords.js';
import { prepareResizeShape, type ResizeDims } from '../common/resize_shape.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';

interface BilinearPlan extends ResizeDims {
  readonly ys: BilinearTaps;
  readonly xs: BilinearTaps;
  readonly min: number;
  readonly max: number;
}

type Quantized = Int8Array | Uint8Array | Int16Array;

function supportsQuantized(node: NodeSignature): boolean {
  const input = node.inputs[0];
  const output = node.outputs[0];
  if (!input || !output || input.dtype !== output.dtype) return false;
  const quantizedType = input.dtype === 'int8' || input.dtype === 'uint8' || input.dtype === 'int16';
  return quantizedType && sameQuantization(input.quantization, output.quantization);
}

export const RESIZE_BILINEAR_QUANTIZED_KERNEL: KernelRegistration<ResizeBilinearOptions, BilinearPlan> = {
  op: BuiltinOp.RESIZE_BILINEAR,
  name: 'RESIZE_BILINEAR (int8/uint8/int16, reference)',
  parseOptions: (raw) =>
    optionsOrDefault(raw, ['ResizeBilinearOptions'], { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: false }),
  supports: supportsQuantized,
  prepare(node) {
    const { alignCorners, halfPixelCenters } = node.options;
    const dims = prepareResizeShape(node, alignCorners, halfPixelCenters);
    const { min, max } = intRange(node.inputs[0]!.dtype as 'int8' | 'uint8' | 'int16');
    return {
      ...dims,
      ys: bilinearTaps(dims.inHeight, dims.outHeight, alignCorners, halfPixelCenters),
      xs: bilinearTaps(dims.inWidth, dims.outWidth, alignCorners, halfPixelCenters),
      min,
      max,
    };
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
          for (let ch = 0; ch < c; ch++) {
            const top = input[row0 + x0 + ch]! * (1 - dx) + input[row0 + x1 + ch]! * dx;
            const bottom = input[row1 + x0 + ch]! * (1 - dx) + input[row1 + x1 + ch]! * dx;
            const v = roundHalfAway(top * (1 - dy) + bottom * dy);
            out[pos++] = v < p.min ? p.min : v > p.max ? p.max : v;
          }
        }
      }
    }
  },
};
