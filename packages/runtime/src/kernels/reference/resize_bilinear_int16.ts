/**
 * RESIZE_BILINEAR int16 as TFLite's builtin kernel (ResizeBilinearInteger; XNNPACK takes no int16): source
 * coordinates in 10-bit fixed point from integer scales, the four corner weights multiplied in 20-bit fixed
 * point over int64 (exact in a double), rounded half away from zero. The stored integers are interpolated
 * whatever the quantization, as in TFLite.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ResizeBilinearOptions } from '../../core/options.js';
import { parseResizeBilinearOptions, prepareResizePlan, type ResizeDims } from '../common/resize_shape.js';
import type { KernelRegistration } from '../kernel.js';

/** Per output row (or column): the 10-bit source coordinate and its two source indices. */
interface IntegerTaps {
  readonly scaled: Int32Array;
  readonly lower: Int32Array;
  readonly upper: Int32Array;
}

function integerTaps(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): IntegerTaps {
  const scale = alignCorners && outSize > 1
    ? Math.trunc((1024 * (inSize - 1) + Math.trunc((outSize - 1) / 2)) / (outSize - 1))
    : Math.trunc((1024 * inSize + Math.trunc(outSize / 2)) / outSize);
  const taps = { scaled: new Int32Array(outSize), lower: new Int32Array(outSize), upper: new Int32Array(outSize) };
  for (let i = 0; i < outSize; i++) {
    const scaled = halfPixel ? i * scale + Math.trunc(scale / 2) - 512 : i * scale;
    taps.scaled[i] = scaled;
    taps.lower[i] = Math.max(Math.trunc(scaled / 1024), 0);
    taps.upper[i] = Math.min(Math.trunc((scaled + 1023) / 1024), inSize - 1);
  }
  return taps;
}

interface Int16BilinearPlan extends ResizeDims {
  readonly ys: IntegerTaps;
  readonly xs: IntegerTaps;
}

export const RESIZE_BILINEAR_INT16_KERNEL: KernelRegistration<ResizeBilinearOptions, Int16BilinearPlan> = {
  op: BuiltinOp.RESIZE_BILINEAR,
  name: 'RESIZE_BILINEAR (int16, reference)',
  parseOptions: parseResizeBilinearOptions,
  supports: (node) => node.inputs[0]?.dtype === 'int16' && node.outputs[0]?.dtype === 'int16',
  prepare: (node) => prepareResizePlan(node, integerTaps),
  eval(node, p) {
    const input = node.inputs[0]!.data as Int16Array;
    const out = node.outputs[0]!.data as Int16Array;
    const c = p.channels;
    const rowStride = p.inWidth * c;
    let pos = 0;
    for (let b = 0; b < p.batches; b++) {
      const base = b * p.inHeight * rowStride;
      for (let y = 0; y < p.outHeight; y++) {
        const dy = p.ys.scaled[y]! - 1024 * p.ys.lower[y]!;
        const row0 = base + p.ys.lower[y]! * rowStride;
        const row1 = base + p.ys.upper[y]! * rowStride;
        for (let x = 0; x < p.outWidth; x++) {
          const dx = p.xs.scaled[x]! - 1024 * p.xs.lower[x]!;
          const x0 = p.xs.lower[x]! * c;
          const x1 = p.xs.upper[x]! * c;
          const w00 = (1024 - dy) * (1024 - dx);
          const w10 = dy * (1024 - dx);
          const w01 = (1024 - dy) * dx;
          const w11 = dy * dx;
          for (let ch = 0; ch < c; ch++) {
            const sum = input[row0 + x0 + ch]! * w00 + input[row1 + x0 + ch]! * w10 + input[row0 + x1 + ch]! * w01 + input[row1 + x1 + ch]! * w11;
            out[pos++] = Math.trunc((sum + (sum > 0 ? 524288 : -524288)) / 1048576);
          }
        }
      }
    }
  },
};
