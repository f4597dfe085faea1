/**
 * FULLY_CONNECTED (int8) on WebAssembly SIMD: the input rows widened to int16 minus the zero point (the
 * im2col function with a 1×1 window), then the pairwise i16 dot-product GEMM with fused requantization —
 * bit-exact with the XNNPACK-requantized TypeScript kernel, whose prepare supplies every parameter.
 */
import type { FullyConnectedOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL } from '../quantized/fully_connected.js';
import { scratchRegion } from './context.js';
import { isInt8WeightedNode, packInt8Channels, zeroCenteredFilter, type Int8Channels } from './int8_params.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packGemmI8, PANEL, roundUp } from './pack.js';
import { packOnce } from './pack_cache.js';

export interface WasmFullyConnectedInt8Prepared {
  readonly batches: number;
  readonly depth: number;
  readonly units: number;
  readonly kPadded: number;
  readonly weights: number;
  readonly channels: Int8Channels;
  readonly inputOffset: number;
  readonly outputOffset: number;
  readonly actMin: number;
  readonly actMax: number;
  readonly inBytes: number;
  readonly rowsBytes: number;
  readonly stage: OutputStage;
}


export const FULLY_CONNECTED_INT8_WASM_KERNEL: KernelRegistration<FullyConnectedOptions, WasmFullyConnectedInt8Prepared> = {
  op: FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL.op,
  name: 'FULLY_CONNECTED (int8, wasm simd)',
  simd: true,
  parseOptions: FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL.parseOptions,
  supports: (node) => simdSupported() && isInt8WeightedNode(node),
  prepare: (node) => {
    const { batches, depth, units, q } = FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL.prepare(node);
    const ctx = node.wasm;
    const kPadded = roundUp(depth, 2);
    const d: WasmFullyConnectedInt8Prepared = {
      batches, depth, units, kPadded,
      ...packOnce(node, () => ({ weights: packGemmI8(ctx, zeroCenteredFilter(node.inputs[1]!, q), units, depth), channels: packInt8Channels(ctx, q, units, PANEL) })),
      inputOffset: q.inputOffset, outputOffset: q.outputOffset,
      actMin: q.actMin, actMax: q.actMax, inBytes: scratchRegion(batches * depth), rowsBytes: scratchRegion(batches * kPadded * 2),
      stage: new OutputStage('i8', batches * units),
    };
    ctx.reserveScratch(d.inBytes + d.rowsBytes + scratchRegion(batches * units));
    return d;
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Int8Array, base, 'i8');
    const rowsAt = base + d.inBytes;
    const outAt = d.stage.address(ctx, out, rowsAt + d.rowsBytes);
    // Rows as a batches×1 image with a 1×1 window: widens int8 to int16 minus the zero point, pads K to even.
    ctx.fn.im2col_i8(inAt, d.batches, 1, d.depth, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, d.batches, rowsAt, d.inputOffset, d.kPadded * 2);
    ctx.fn.gemm_i8(d.batches, d.units, d.kPadded / 2, rowsAt, d.kPadded * 2, d.weights, d.channels.bias, outAt, d.units,
      d.channels.scales, d.outputOffset, d.actMin, d.actMax);
    d.stage.finish(ctx, out, outAt);
  },
};
