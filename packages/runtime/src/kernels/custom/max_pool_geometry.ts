/** Window geometry shared by MediaPipe's MaxPoolingWithArgmax2D and MaxUnpooling2D (raw TfLitePoolParams). */
import type { RawPoolParams } from './raw_params.js';

export interface PoolWindow {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly p: RawPoolParams;
}

/** TFLite's ComputePadding: half the overhang of the windows, truncated, never negative. */
export function poolPadding(stride: number, inSize: number, filter: number, outSize: number): number {
  return Math.max(0, Math.trunc(((outSize - 1) * stride + filter - inSize) / 2));
}

/** TensorFlow's GetWindowedOutputSize for SAME and VALID. */
export function pooledSize(inSize: number, filter: number, stride: number, same: boolean): number {
  return same ? Math.trunc((inSize + stride - 1) / stride) : Math.max(0, Math.trunc((inSize - filter + stride) / stride));
}
