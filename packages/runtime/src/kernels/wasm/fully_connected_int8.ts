/**
 * FULLY_CONNECTED (int8 and uint8) on WebAssembly SIMD: the input rows widened to int16 minus the zero point
 * (the im2col function with a 1×1 window), then the pairwise i16 dot-product GEMM with fused requantization —
 * bit-exact with the TypeScript kernel the resolver would otherwise pick (int8_params.ts), whose prepare
 * supplies every parameter.
 */
import type { FullyConnectedOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { FULLY_CONNECTED_QUANTIZED_KERNEL, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL } from '../quantized/fully_connected.js';
import { scratchRegion } from './context.js';
import { canMatchReference, isByteWeightedNode, packStage8, referenceFor, zeroCenteredFilter, type Stage8 } from './int8_params.js';
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
  readonly stage8: Stage8;
  readonly unsignedInput: boolean;
  readonly inBytes: number;
  readonly rowsBytes: number;
  readonly stage: OutputStage;
}

export const FULLY_CONNECTED_INT8_WASM_KERNEL: KernelRegistration<FullyConnectedOptions, WasmFullyConnectedInt8Prepared> = {
  op: FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL.op,
  name: 'FULLY_CONNECTED (int8/uint8, wasm simd)',
  simd: true,
  parseOptions: FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL.parseOptions,
  supports: (node) => simdSupported() && isByteWeightedNode(node) && canMatchReference(node, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL),
  prepare: (node) => {
    const { batches, depth, units, q } = referenceFor(node, FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL, FULLY_CONNECTED_QUANTIZED_KERNEL).prepare(node);
    const ctx = node.wasm;
    const dtype = node.inputs[0]!.dtype as 'int8' | 'uint8';
    const kPadded = roundUp(depth, 2);
    const d: WasmFullyConnectedInt8Prepared = {
      batches, depth, units, kPadded,
      ...packOnce(node, () => ({
        weights: packGemmI8(ctx, zeroCenteredFilter(node.inputs[1]!, q), units, depth), stage8: packStage8(ctx, q, units, PANEL, dtype),
      })),
      unsignedInput: dtype === 'uint8', inBytes: scratchRegion(batches * depth), rowsBytes: scratchRegion(batches * kPadded * 2),
      stage: new OutputStage('i8', batches * units),
    };
    ctx.reserveScratch(d.inBytes + d.rowsBytes + scratchRegion(batches * units));
    return d;
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const s = d.stage8;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Int8Array, base, 'i8');
    const rowsAt = base + d.inBytes;
    const outAt = d.stage.address(ctx, out, rowsAt + d.rowsBytes);
    // Rows as a batches×1 image with a 1×1 window: widens to int16 minus the zero point, pads K to even.
    const widen = d.unsignedInput ? ctx.fn.im2col_u8 : ctx.fn.im2col_i8;
    widen(inAt, d.batches, 1, d.depth, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, d.batches, rowsAt, s.inputOffset, d.kPadded * 2);
    ctx.fn.gemm8[s.flavour](d.batches, d.units, d.kPadded / 2, rowsAt, d.kPadded * 2, d.weights, s.bias, outAt, d.units,
      s.params, s.outputOffset, s.actMin, s.actMax, s.left, s.right);
    d.stage.finish(ctx, out, outAt);
  },
};
