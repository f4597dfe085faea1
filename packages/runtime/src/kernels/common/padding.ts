/**
 * TFLite's SAME/VALID padding rule (tensorflow/lite/kernels/padding.h), shared by every windowed op.
 */
import type { Padding } from '../../core/options.js';

export interface PaddingResult {
  /** Output extent along this axis. */
  outSize: number;
  /** Implicit zero rows/columns before the first input element. */
  padBefore: number;
  /** Implicit zero rows/columns after the last input element (padBefore or padBefore + 1 for SAME). */
  padAfter: number;
}

/**
 * Output size and padding along one spatial axis. SAME gives ceil(in / stride) outputs and splits the needed
 * padding with the odd element after (as TFLite does); VALID gives the windows that fit entirely.
 */
export function computePadding(
  inSize: number,
  filterSize: number,
  stride: number,
  dilation: number,
  padding: Padding,
): PaddingResult {
  const effectiveFilter = (filterSize - 1) * dilation + 1;
  const outSize =
    padding === 'SAME'
      ? Math.floor((inSize + stride - 1) / stride)
      : Math.max(0, Math.floor((inSize - effectiveFilter + stride) / stride));
  const total = Math.max(0, (outSize - 1) * stride + effectiveFilter - inSize);
  const padBefore = Math.floor(total / 2);
  return { outSize, padBefore, padAfter: total - padBefore };
}
