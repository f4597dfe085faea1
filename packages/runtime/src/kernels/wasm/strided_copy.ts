/**
 * TRANSPOSE, SLICE and STRIDED_SLICE on WebAssembly: each reference kernel's strided box (same validation,
 * same output shape, the same one copy loop in TypeScript) with its size-1 dimensions dropped and contiguous
 * ones merged, run by a 4-d gather in wasm when it then has at most four dimensions and both tensors live in
 * wasm memory; otherwise the reference copy. PyTorch exports (NCHW ↔ NHWC around every operator) spend most
 * of their time in TRANSPOSE.
 */
import { bytesPerElement } from '../../core/dtype.js';
import { elementsOf } from '../common/elements.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';
import { SLICE_KERNEL } from '../reference/slice.js';
import { STRIDED_SLICE_KERNEL } from '../reference/strided_slice.js';
import { TRANSPOSE_KERNEL } from '../reference/transpose.js';
import { simdSupported } from './module.js';

export interface WasmStridedCopyPrepared {
  readonly box: StridedBox;
  /** Extents and byte strides of the collapsed box, padded to four dimensions (null: more than four). */
  readonly dims: readonly number[] | null;
  readonly strides: readonly number[];
  readonly bytes: 1 | 2 | 4;
}

/** Drops size-1 dimensions and merges a dimension into the next when they walk the input contiguously. */
export function collapseBox(box: StridedBox): { shape: number[]; strides: number[] } {
  const shape: number[] = [];
  const strides: number[] = [];
  box.shape.forEach((n, i) => {
    if (n === 1) return;
    const last = shape.length - 1;
    if (last >= 0 && strides[last] === box.strides[i]! * n) {
      shape[last] = shape[last]! * n;
      strides[last] = box.strides[i]!;
    } else {
      shape.push(n);
      strides.push(box.strides[i]!);
    }
  });
  return { shape, strides };
}

/** The wasm form of a reference kernel whose prepare returns the strided box its eval copies. */
function stridedCopyKernel<O>(reference: KernelRegistration<O, StridedBox>, op: string): KernelRegistration<O, WasmStridedCopyPrepared> {
  return {
    op: reference.op,
    name: `${op} (1/2/4-byte elements, wasm)`,
    simd: true,
    parseOptions: reference.parseOptions,
    supports: (node) => {
      const dtype = node.inputs[0]?.dtype;
      return simdSupported() && !!dtype && [1, 2, 4].includes(bytesPerElement(dtype)) && reference.supports?.(node) !== false;
    },
    prepare: (node) => {
      const box = reference.prepare(node);
      const bytes = bytesPerElement(node.inputs[0]!.dtype) as 1 | 2 | 4;
      const { shape, strides } = collapseBox(box);
      if (shape.length > 4) return { box, dims: null, strides: [], bytes };
      while (shape.length < 4) {
        shape.unshift(1);
        strides.unshift(0);
      }
      return { box, dims: shape, strides: strides.map((s) => s * bytes), bytes };
    },
    eval: (node, d) => {
      const input = node.inputs[0]!.data;
      const output = node.outputs[0]!.data;
      if (output.length === 0) return;
      const ctx = node.wasm;
      if (d.dims === null || input.buffer !== ctx.memory.buffer || output.buffer !== ctx.memory.buffer) {
        copyStridedBox(elementsOf(output), 0, elementsOf(input), d.box);
        return;
      }
      const [n0, n1, n2, n3] = d.dims as [number, number, number, number];
      const [s0, s1, s2, s3] = d.strides as [number, number, number, number];
      const f = d.bytes === 1 ? ctx.fn.transpose4_b1 : d.bytes === 2 ? ctx.fn.transpose4_b2 : ctx.fn.transpose4_b4;
      f(input.byteOffset + d.box.offset * d.bytes, output.byteOffset, n0, n1, n2, n3, s0, s1, s2, s3);
    },
  };
}

export const TRANSPOSE_WASM_KERNEL = stridedCopyKernel(TRANSPOSE_KERNEL, 'TRANSPOSE');
export const SLICE_WASM_KERNEL = stridedCopyKernel(SLICE_KERNEL, 'SLICE');
export const STRIDED_SLICE_WASM_KERNEL = stridedCopyKernel(STRIDED_SLICE_KERNEL, 'STRIDED_SLICE');
