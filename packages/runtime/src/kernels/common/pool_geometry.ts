/**
 * Shape logic shared by MAX_POOL_2D and AVERAGE_POOL_2D (and their quantized forms): NHWC in and out, window
 * geometry from Pool2DOptions with TFLite's padding rule (no dilation).
 */
import type { Pool2DOptions } from '../../core/options.js';
import type { NodeContext } from '../kernel.js';
import { nodeActivationRange } from './activation.js';
import { expectRank, requireInput, requireOutput, shapeError } from './node_checks.js';
import { computePadding } from './padding.js';

export interface PoolGeometry {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly actMin: number;
  readonly actMax: number;
}

/** Validates the rank-4 input, sets the output shape and returns the window geometry. */
export function preparePool(node: NodeContext<Pool2DOptions>): PoolGeometry {
  const o = node.options;
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectRank(node, input, 4, 'input');
  if (o.strideH < 1 || o.strideW < 1 || o.filterHeight < 1 || o.filterWidth < 1) {
    throw shapeError(node, 'pool strides and filter sizes must be at least 1');
  }
  const [batches, inH, inW, channels] = input.shape as [number, number, number, number];
  const ph = computePadding(inH, o.filterHeight, o.strideH, 1, o.padding);
  const pw = computePadding(inW, o.filterWidth, o.strideW, 1, o.padding);
  output.shape = [batches, ph.outSize, pw.outSize, channels];
  const { min, max } = nodeActivationRange(node, o.fusedActivation);
  return {
    batches, inH, inW, channels, outH: ph.outSize, outW: pw.outSize, filterH: o.filterHeight,
    filterW: o.filterWidth, strideH: o.strideH, strideW: o.strideW, padTop: ph.padBefore,
    padLeft: pw.padBefore, actMin: min, actMax: max,
  };
}
