/** Shape handling shared by RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: NHWC input, constant [2] size. */
import type { BuiltinOptions, ResizeBilinearOptions } from '../../core/options.js';
import type { NodeContext } from '../kernel.js';
import { constIntValues } from './const_values.js';
import { expectRank, requireInput, requireOutput, shapeError, unsupported } from './node_checks.js';
import { optionsOrDefault } from './options.js';
import { bilinearTaps, type BilinearTaps } from './resize_coords.js';

export interface ResizeDims {
  readonly batches: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly channels: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

type AnyNode = Pick<NodeContext<unknown>, 'index' | 'opName' | 'inputs' | 'outputs'>;

export function prepareResizeShape(node: AnyNode, alignCorners: boolean, halfPixel: boolean): ResizeDims {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectRank(node, input, 4, 'input');
  if (output.dtype !== input.dtype) throw shapeError(node, `output is ${output.dtype}, input is ${input.dtype}`);
  if (alignCorners && halfPixel) throw unsupported(node, 'align_corners and half_pixel_centers both set');
  const size = constIntValues(node, requireInput(node, 1), 'size input');
  if (size.length !== 2 || size[0]! <= 0 || size[1]! <= 0) throw shapeError(node, `size [${size.join(',')}] must be two positive values`);
  const [batches, inHeight, inWidth, channels] = input.shape as [number, number, number, number];
  const [outHeight, outWidth] = size as [number, number];
  output.shape = [batches, outHeight, outWidth, channels];
  return { batches, inHeight, inWidth, channels, outHeight, outWidth };
}

/** RESIZE_BILINEAR's prepared plan, float or quantized: the shapes and each output row's/column's taps. */
export interface BilinearPlan extends ResizeDims {
  readonly ys: BilinearTaps;
  readonly xs: BilinearTaps;
}

/** RESIZE_BILINEAR options, defaulting (both flags off) when the model stores none. */
export function parseResizeBilinearOptions(raw: BuiltinOptions | null): ResizeBilinearOptions {
  return optionsOrDefault(raw, ['ResizeBilinearOptions'], { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: false });
}

/** How a resize maps one axis: its taps for every output position. */
export type AxisTaps<T> = (inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean) => T;

/** Sets the output shape and computes, with `taps`, the taps of every output row (ys) and column (xs). */
export function prepareResizePlan<T>(
  node: AnyNode & { readonly options: { readonly alignCorners: boolean; readonly halfPixelCenters: boolean } },
  taps: AxisTaps<T>,
): ResizeDims & { readonly ys: T; readonly xs: T } {
  const { alignCorners, halfPixelCenters } = node.options;
  const dims = prepareResizeShape(node, alignCorners, halfPixelCenters);
  return {
    ...dims,
    ys: taps(dims.inHeight, dims.outHeight, alignCorners, halfPixelCenters),
    xs: taps(dims.inWidth, dims.outWidth, alignCorners, halfPixelCenters),
  };
}

/** RESIZE_BILINEAR's plan with XNNPACK's coordinates (float and 8-bit kernels). */
export function prepareBilinearPlan(node: NodeContext<ResizeBilinearOptions>): BilinearPlan {
  return prepareResizePlan(node, bilinearTaps);
}
