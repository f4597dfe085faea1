/**
 * QUANTIZE float32 → int8 on WebAssembly SIMD where LiteRT's XNNPACK delegate takes it: x · (1/scale) in
 * float32, rounded half to even, plus the zero point, saturated — `quantize_i8`, bit-exact with the
 * XNNPACK-arithmetic TypeScript kernel, whose prepare supplies the parameters. Any other QUANTIZE the
 * resolver gives this registration (per-channel, TFLite's arithmetic) runs that TypeScript kernel's eval.
 */
import type { KernelRegistration } from '../kernel.js';
import { QUANTIZE_KERNEL, QUANTIZE_XNNPACK_KERNEL, type QuantizeData } from '../quantized/quantize.js';
import { scratchRegion } from './context.js';
import { referenceFor } from './int8_params.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';

export interface WasmQuantizePrepared {
  readonly kernel: KernelRegistration<null, QuantizeData>;
  readonly data: QuantizeData;
  readonly n: number;
  readonly stage: OutputStage;
}

export const QUANTIZE_F32_WASM_KERNEL: KernelRegistration<null, WasmQuantizePrepared> = {
  op: QUANTIZE_KERNEL.op,
  name: 'QUANTIZE (float32 → int8, wasm simd)',
  simd: true,
  parseOptions: () => null,
  supports: (node) => simdSupported() && node.inputs[0]?.dtype === 'float32' && node.outputs[0]?.dtype === 'int8',
  prepare: (node) => {
    const kernel = referenceFor(node, QUANTIZE_XNNPACK_KERNEL, QUANTIZE_KERNEL);
    const data = kernel.prepare(node);
    const n = node.outputs[0]!.shape.reduce((a, b) => a * b, 1);
    node.wasm.reserveScratch(scratchRegion(n * 4) + scratchRegion(n));
    return { kernel, data, n, stage: new OutputStage('i8', n) };
  },
  eval: (node, d) => {
    if (d.data.kind !== 'xnnpack-float') {
      d.kernel.eval(node, d.data);
      return;
    }
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, base, 'f32');
    // quantize_i8 stores 4 codes at a time: a ragged end goes through scratch, never past the tensor.
    const inPlace = out.buffer === ctx.memory.buffer && d.n % 4 === 0;
    const outAt = inPlace ? out.byteOffset : base + scratchRegion(d.n * 4);
    ctx.fn.quantize_i8(inAt, d.n, outAt, d.data.inverseScale, d.data.zeroPoint);
    if (inPlace) return;
    if (out.buffer === ctx.memory.buffer) ctx.u8.copyWithin(out.byteOffset, outAt, outAt + d.n);
    else d.stage.finish(ctx, out, outAt);
  },
};
