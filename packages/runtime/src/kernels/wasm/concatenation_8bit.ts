/**
 * CONCATENATION of int8/uint8 tensors on WebAssembly: each input's run per outer step is either copied
 * (`memory.copy`, same scale and zero point as the output) or requantized through a 256-entry table made at
 * prepare by running the TypeScript kernel on all 256 codes of that input (its very arithmetic, `lut8`). Any
 * tensor outside wasm memory falls back to the TypeScript kernel's eval.
 */
import type { ConcatenationOptions } from '../../core/options.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';
import { CONCATENATION_QUANTIZED_KERNEL, type QuantizedConcatData } from '../quantized/concatenation.js';
import { simdSupported } from './module.js';
import { packOnce } from './pack_cache.js';

export interface WasmConcat8Prepared {
  readonly data: QuantizedConcatData;
  /** Per input: its table in wasm memory, or −1 when it is copied unchanged. */
  readonly tables: readonly number[];
  readonly flip: number;
}

/** The output codes of the 256 input codes of `input` (its scale and zero point) as the TypeScript kernel maps them. */
function requantTable(node: NodeContext<ConcatenationOptions>, input: RuntimeTensor): Int8Array | Uint8Array {
  const signed = input.dtype === 'int8';
  const values = signed ? Int8Array.from({ length: 256 }, (_, k) => k - 128) : Uint8Array.from({ length: 256 }, (_, k) => k);
  const results = signed ? new Int8Array(256) : new Uint8Array(256);
  const output = node.outputs[0]!;
  const probe: NodeContext<ConcatenationOptions> = Object.assign(Object.create(node) as NodeContext<ConcatenationOptions>, {
    inputs: [{ ...input, shape: [256], data: values }],
    outputs: [{ ...output, shape: [256], data: results }],
    options: { ...node.options, axis: 0 },
  });
  CONCATENATION_QUANTIZED_KERNEL.eval(probe, CONCATENATION_QUANTIZED_KERNEL.prepare(probe));
  return results;
}

export const CONCATENATION_8BIT_WASM_KERNEL: KernelRegistration<ConcatenationOptions, WasmConcat8Prepared> = {
  op: CONCATENATION_QUANTIZED_KERNEL.op,
  name: 'CONCATENATION (int8/uint8, wasm)',
  simd: true,
  parseOptions: CONCATENATION_QUANTIZED_KERNEL.parseOptions,
  supports: (node) => simdSupported() && (node.outputs[0]?.dtype === 'int8' || node.outputs[0]?.dtype === 'uint8') &&
    CONCATENATION_QUANTIZED_KERNEL.supports?.(node) !== false,
  prepare: (node) => {
    const data = CONCATENATION_QUANTIZED_KERNEL.prepare(node);
    const ctx = node.wasm;
    const slots = packOnce(node, () => node.inputs.map(() => ctx.alloc(256)));
    const tables = data.inputs.map((p, i) => {
      if (p.scale === null) return -1;
      const table = requantTable(node, node.inputs[i]!);
      ctx.u8.set(new Uint8Array(table.buffer), slots[i]!);
      return slots[i]!;
    });
    return { data, tables, flip: node.outputs[0]!.dtype === 'int8' ? 0x80 : 0 };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const out = node.outputs[0]!.data;
    const memory = ctx.memory.buffer;
    if (out.buffer !== memory || node.inputs.some((t) => t!.data.buffer !== memory)) {
      CONCATENATION_QUANTIZED_KERNEL.eval(node, d.data);
      return;
    }
    const { outer, inputs } = d.data;
    let o = out.byteOffset;
    for (let k = 0; k < outer; k++) {
      for (let i = 0; i < inputs.length; i++) {
        const n = inputs[i]!.copySize;
        const src = node.inputs[i]!.data.byteOffset + k * n;
        if (d.tables[i]! < 0) ctx.u8.copyWithin(o, src, src + n);
        else ctx.fn.lut8(src, o, n, d.tables[i]!, d.flip);
        o += n;
      }
    }
  },
};
