/**
 * Element-wise 8-bit → 8-bit operators (LEAKY_RELU, HARD_SWISH, QUANTIZE between 8-bit types) as a 256-entry
 * table: an 8-bit input has 256 possible values, so prepare runs the TypeScript kernel the resolver would
 * pick on all of them once, and eval looks every element up — the very values of that kernel (bit-exact by
 * construction), at a table lookup per element (a byte loop in wasm, emit_transpose.ts's lut8) instead of its
 * fixed-point arithmetic.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import type { AnyKernel, KernelRegistration, NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { HARD_SWISH_QUANTIZED_KERNEL } from '../quantized/hard_swish.js';
import { LEAKY_RELU_QUANTIZED_KERNEL, LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL } from '../quantized/leaky_relu.js';
import { QUANTIZE_KERNEL, QUANTIZE_XNNPACK_KERNEL } from '../quantized/quantize.js';
import { referenceFor } from './int8_params.js';
import { simdSupported } from './module.js';
import { packOnce } from './pack_cache.js';

type Bytes = Int8Array | Uint8Array;

export interface Lut8Prepared {
  /** Output for input value `min + k` at index k. */
  readonly table: Bytes;
  readonly min: number;
  /** The table in wasm memory, indexed by the input byte XOR `flip` (0x80 for int8). */
  readonly tableAt: number;
  readonly flip: number;
}

const isByte = (t: RuntimeTensor | null | undefined): boolean => t?.dtype === 'int8' || t?.dtype === 'uint8';

/** Every value of the input's type, in order, and an output array of the output's type for them. */
function allValues(input: RuntimeTensor, output: RuntimeTensor): { values: Bytes; results: Bytes; min: number } {
  const signed = input.dtype === 'int8';
  const values = signed ? new Int8Array(256) : new Uint8Array(256);
  const min = signed ? -128 : 0;
  for (let k = 0; k < 256; k++) values[k] = min + k;
  return { values, results: output.dtype === 'int8' ? new Int8Array(256) : new Uint8Array(256), min };
}

/**
 * A table registration standing in for `xnnpack` (when it takes the node) or else `builtin`; `extra` narrows
 * the nodes further (input and output are always 8-bit).
 */
function lut8Kernel<O extends BuiltinOptions | null>(
  op: number, label: string, xnnpack: KernelRegistration<O, unknown>, builtin: KernelRegistration<O, unknown>,
): KernelRegistration<O, Lut8Prepared> {
  return {
    op,
    name: `${label} (int8/uint8, 256-entry table)`,
    simd: true,
    parseOptions: builtin.parseOptions,
    supports: (node: NodeSignature) => simdSupported() && isByte(node.inputs[0]) && isByte(node.outputs[0]) &&
      (xnnpack.supports?.(node) !== false || builtin.supports?.(node) !== false),
    prepare: (node: NodeContext<O>) => {
      const kernel = referenceFor(node, xnnpack as AnyKernel, builtin as AnyKernel) as KernelRegistration<O, unknown>;
      const data = kernel.prepare(node);
      const input = node.inputs[0]!;
      const output = node.outputs[0]!;
      const { values, results, min } = allValues(input, output);
      // The kernel's own eval over the 256 values: a view of the node whose first input and output hold them.
      const probe: NodeContext<O> = Object.assign(Object.create(node) as NodeContext<O>, {
        inputs: [{ ...input, shape: [256], data: values }, ...node.inputs.slice(1)],
        outputs: [{ ...output, shape: [256], data: results }],
      });
      kernel.eval(probe, data);
      const ctx = node.wasm;
      const tableAt = packOnce(node, () => ctx.alloc(256));
      ctx.u8.set(new Uint8Array(results.buffer), tableAt);
      return { table: results, min, tableAt, flip: min < 0 ? 0x80 : 0 };
    },
    eval: (node, d) => {
      const input = node.inputs[0]!.data as Bytes;
      const output = node.outputs[0]!.data as Bytes;
      const ctx = node.wasm;
      if (input.buffer === ctx.memory.buffer && output.buffer === ctx.memory.buffer) {
        ctx.fn.lut8(input.byteOffset, output.byteOffset, input.length, d.tableAt, d.flip);
        return;
      }
      const { table, min } = d;
      for (let i = 0; i < input.length; i++) output[i] = table[input[i]! - min]!;
    },
  };
}

export const LEAKY_RELU_LUT8_KERNEL = lut8Kernel(BuiltinOp.LEAKY_RELU, 'LEAKY_RELU', LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL, LEAKY_RELU_QUANTIZED_KERNEL);
export const HARD_SWISH_LUT8_KERNEL = lut8Kernel(BuiltinOp.HARD_SWISH, 'HARD_SWISH', HARD_SWISH_QUANTIZED_KERNEL, HARD_SWISH_QUANTIZED_KERNEL);
export const QUANTIZE_LUT8_KERNEL = lut8Kernel(BuiltinOp.QUANTIZE, 'QUANTIZE', QUANTIZE_XNNPACK_KERNEL, QUANTIZE_KERNEL);
