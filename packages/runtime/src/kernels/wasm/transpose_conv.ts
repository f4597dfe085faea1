/**
 * TRANSPOSE_CONV (float32) on WebAssembly SIMD, as GEMM + col2im: the input, NHWC, is already the A matrix
 * [pixels × inC]; the filter [outC, fH, fW, inC] is packed once as B with one column per (ky, kx, oc), so a
 * band of input rows times B gives every tap's contribution (the GEMM micro-kernel, the hot part), which
 * col2im adds into the output pixels they land on. The output starts at the bias; the fused activation is a
 * final clamp. `prepareTransposeConvF32` / `evalTransposeConvF32` also serve operators of the same arithmetic
 * (MediaPipe's Convolution2DTransposeBias).
 */
import type { TransposeConvOptions } from '../../core/options.js';
import type { TransposeConvGeometry } from '../common/transpose_conv_geometry.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { TRANSPOSE_CONV_KERNEL } from '../reference/transpose_conv.js';
import { scratchRegion, type WasmContext } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packChannels, packGemmF32, PANEL } from './pack.js';
import { packOnce } from './pack_cache.js';

/** The GEMM's output band is sized to stay in L2. */
const BAND_BYTES = 256 * 1024;

export interface TransposeConvPlanF32 {
  readonly g: TransposeConvGeometry;
  /** GEMM B: K = inC rows, N = fH·fW·outC columns; its zero bias; the layer's bias (0: none). */
  readonly weights: number;
  readonly zeroBias: number;
  readonly bias: number;
  readonly bandRows: number;
  /** Scratch bytes: input copy, GEMM band, output copy. */
  readonly inBytes: number;
  readonly colBytes: number;
  readonly outBytes: number;
}

/** The filter [outC, fH, fW, inC] packed as GEMM B, and the bias [outC] (or none), in wasm memory. */
function packTransposeConvF32(
  ctx: WasmContext, g: TransposeConvGeometry, filter: Float32Array, bias: Float32Array | null,
): Pick<TransposeConvPlanF32, 'weights' | 'zeroBias' | 'bias'> {
  const taps = g.filterH * g.filterW;
  const n = taps * g.outC;
  // Column (tap, oc) of B is filter[oc, tap, :]: one row of the [N][K] matrix the packer reads.
  const rows = new Float32Array(n * g.inC);
  for (let t = 0; t < taps; t++) {
    for (let oc = 0; oc < g.outC; oc++) rows.set(filter.subarray((oc * taps + t) * g.inC, (oc * taps + t + 1) * g.inC), (t * g.outC + oc) * g.inC);
  }
  return {
    weights: packGemmF32(ctx, rows, n, g.inC),
    zeroBias: packChannels(ctx, null, n, PANEL, 'f32'),
    bias: bias ? packChannels(ctx, bias, g.outC, 4, 'f32') : 0,
  };
}

/** Runs the transposed convolution from `inAt` to `outAt` (byte addresses), `colAt` the GEMM band. */
function runTransposeConvF32(ctx: WasmContext, p: TransposeConvPlanF32, inAt: number, outAt: number, colAt: number, actMin: number, actMax: number): void {
  const { g } = p;
  const f = ctx.fn;
  const n = g.filterH * g.filterW * g.outC;
  const inImage = g.inH * g.inW * g.inC * 4;
  const outPixels = g.outH * g.outW;
  for (let b = 0; b < g.batches; b++) {
    const input = inAt + b * inImage;
    const output = outAt + b * outPixels * g.outC * 4;
    f.rows_init_f32(output, outPixels, g.outC, p.bias);
    for (let iy = 0; iy < g.inH; iy += p.bandRows) {
      const rows = Math.min(p.bandRows, g.inH - iy);
      f.gemm_f32(rows * g.inW, n, g.inC, input + iy * g.inW * g.inC * 4, g.inC * 4, p.weights, p.zeroBias, colAt, n * 4, -Infinity, Infinity);
      f.col2im_add_f32(colAt, rows, g.inW, iy, g.outH, g.outW, g.outC, g.filterH, g.filterW, g.strideH, g.strideW, g.padTop, g.padLeft, output);
    }
    if (actMin !== -Infinity || actMax !== Infinity) f.clamp_f32(output, output, outPixels * g.outC, actMin, actMax);
  }
}

export interface WasmTransposeConvPrepared {
  readonly plan: TransposeConvPlanF32;
  readonly actMin: number;
  readonly actMax: number;
  readonly stage: OutputStage;
}

/**
 * Prepare of a float transposed convolution whose geometry is known: the filter packed once per node, the
 * bands planned for the current shapes (shared by TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias).
 */
export function prepareTransposeConvF32(
  node: NodeContext<unknown>, g: TransposeConvGeometry, filter: Float32Array, bias: Float32Array | null, actMin: number, actMax: number,
): WasmTransposeConvPrepared {
  const ctx = node.wasm;
  // The packing depends on the filter only; the bands on the current shapes.
  const packed = packOnce(node, () => packTransposeConvF32(ctx, g, filter, bias));
  const plan: TransposeConvPlanF32 = { g, ...packed, ...planBands(g) };
  ctx.reserveScratch(plan.inBytes + plan.colBytes + plan.outBytes);
  return { plan, actMin, actMax, stage: new OutputStage('f32', g.batches * g.outH * g.outW * g.outC) };
}

/** Eval of a prepared float transposed convolution reading `input`. */
export function evalTransposeConvF32(node: NodeContext<unknown>, d: WasmTransposeConvPrepared, input: Float32Array): void {
  const ctx = node.wasm;
  const base = ctx.scratch;
  const p = d.plan;
  const out = node.outputs[0]!.data as Float32Array;
  const inAt = inputAddress(ctx, input, base, 'f32');
  const colAt = base + p.inBytes;
  const outAt = d.stage.address(ctx, out, colAt + p.colBytes);
  runTransposeConvF32(ctx, p, inAt, outAt, colAt, d.actMin, d.actMax);
  d.stage.finish(ctx, out, outAt);
}

export const TRANSPOSE_CONV_WASM_KERNEL: KernelRegistration<TransposeConvOptions, WasmTransposeConvPrepared> = {
  op: TRANSPOSE_CONV_KERNEL.op,
  name: 'TRANSPOSE_CONV (float32, wasm simd)',
  simd: true,
  parseOptions: TRANSPOSE_CONV_KERNEL.parseOptions,
  supports: (node) => {
    const [, filter, input, bias] = node.inputs;
    return simdSupported() && input?.dtype === 'float32' && filter?.dtype === 'float32' && filter.isConstant &&
      node.outputs[0]?.dtype === 'float32' && (!bias || (bias.dtype === 'float32' && bias.isConstant));
  },
  prepare: (node) => {
    const { g, actMin, actMax } = TRANSPOSE_CONV_KERNEL.prepare(node);
    const bias = node.inputs[3] ? (node.inputs[3].data as Float32Array) : null;
    return prepareTransposeConvF32(node, g, node.inputs[1]!.data as Float32Array, bias, actMin, actMax);
  },
  eval: (node, d) => evalTransposeConvF32(node, d, node.inputs[2]!.data as Float32Array),
};

function planBands(g: TransposeConvGeometry): Pick<TransposeConvPlanF32, 'bandRows' | 'inBytes' | 'colBytes' | 'outBytes'> {
  const colRowBytes = Math.max(1, g.inW * g.filterH * g.filterW * g.outC * 4);
  const bandRows = Math.max(1, Math.min(g.inH, Math.floor(BAND_BYTES / colRowBytes)));
  return {
    bandRows,
    inBytes: scratchRegion(g.batches * g.inH * g.inW * g.inC * 4),
    colBytes: scratchRegion(bandRows * colRowBytes),
    outBytes: scratchRegion(g.batches * g.outH * g.outW * g.outC * 4),
  };
}
