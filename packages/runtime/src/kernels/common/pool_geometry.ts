/**
 * Shape logic shared by MAX_POOL_2D and AVERAGE_POOL_2D (and their quantized forms): NHWC in and out, window
 * geometry from Pool2DOptions with TFLite's padding rule (no dilation).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, Pool2DOptions } from '../../core/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { nodeActivationRange } from './activation.js';
import { expectDType, expectRank, inputIs, requireInput, requireOutput, shapeError } from './node_checks.js';
import { requireOptions } from './options.js';
import { computePadding } from './padding.js';
import { forEachWindow, type WindowWalk } from './window.js';

export interface PoolGeometry extends WindowWalk {
  readonly channels: number;
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

/** preparePool for the float32 kernels: input and output must be float32. */
export function prepareFloatPool(node: NodeContext<Pool2DOptions>): PoolGeometry {
  expectDType(node, node.inputs[0]!, ['float32'], 'input');
  expectDType(node, node.outputs[0]!, ['float32'], 'output');
  return preparePool(node);
}

/** One output pixel's window, clipped to the input (reused between calls: read it, do not keep it). */
export interface PoolWindow {
  /** Input offset of the (unclipped) window's top-left tap, channel 0: taps are at origin + (ky·inW + kx)·C. */
  origin: number;
  /** Output offset of this pixel, channel 0. */
  out: number;
  kyStart: number;
  kyEnd: number;
  kxStart: number;
  kxEnd: number;
}

/** Visits every output pixel of an NHWC pool in output order with its in-bounds tap range. */
export function forEachPoolWindow(g: PoolGeometry, visit: (w: PoolWindow) => void): void {
  const { inH, inW, channels: C } = g;
  const w: PoolWindow = { origin: 0, out: 0, kyStart: 0, kyEnd: 0, kxStart: 0, kxEnd: 0 };
  forEachWindow(g, (at) => {
    w.origin = ((at.b * inH + at.iy0) * inW + at.ix0) * C;
    w.out = at.pixel * C;
    w.kyStart = at.kyStart;
    w.kyEnd = at.kyEnd;
    w.kxStart = at.kxStart;
    w.kxEnd = at.kxEnd;
    visit(w);
  });
}

export type PoolOpName = 'AVERAGE_POOL_2D' | 'MAX_POOL_2D' | 'L2_POOL_2D';

/** Pool2DOptions are required: every pool model stores them. */
export function parsePool2DOptions(raw: BuiltinOptions | null): Pool2DOptions {
  return requireOptions(raw, ['Pool2DOptions']);
}

/** A float32 pool registration named '<op> (float32, reference)' running `fn` over the prepared geometry. */
export function floatPoolKernel(
  op: PoolOpName,
  fn: (input: Float32Array, output: Float32Array, g: PoolGeometry) => void,
): KernelRegistration<Pool2DOptions, PoolGeometry> {
  return {
    op: BuiltinOp[op],
    name: `${op} (float32, reference)`,
    parseOptions: parsePool2DOptions,
    supports: (node) => inputIs(node, 0, 'float32'),
    prepare: prepareFloatPool,
    eval: (node, g) => fn(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, g),
  };
}
