/**
 * Moving tensors in and out of wasm memory. A tensor already living in the kernels' memory (an interpreter
 * arena placed there) is used in place; any other is copied into scratch. Output views are cached per node
 * and rebuilt only when memory grows or scratch moves, so eval allocates nothing.
 */
import type { WasmContext } from './context.js';

type Elem = 'f32' | 'i8';

/** The byte address of `data` in wasm memory, copying it to `scratchAt` if it lives elsewhere. */
export function inputAddress(ctx: WasmContext, data: Float32Array | Int8Array, scratchAt: number, elem: Elem): number {
  if (data.buffer === ctx.memory.buffer) return data.byteOffset;
  if (elem === 'f32') ctx.f32.set(data, scratchAt >>> 2);
  else ctx.i8.set(data, scratchAt);
  return scratchAt;
}

/** A cached float32 view of a scratch range (rebuilt only when memory grows or scratch moves). */
export class ScratchView {
  private generation = -1;
  private at = -1;
  private cached: Float32Array | null = null;

  constructor(private readonly length: number) {}

  view(ctx: WasmContext, at: number): Float32Array {
    if (this.generation !== ctx.generation || this.at !== at || this.cached === null) {
      this.cached = ctx.f32.subarray(at >>> 2, (at >>> 2) + this.length);
      this.generation = ctx.generation;
      this.at = at;
    }
    return this.cached;
  }
}

/** A node's output staging: where to write, and how to hand the result to the output tensor. */
export class OutputStage {
  private generation = -1;
  private view: Float32Array | Int8Array | null = null;
  private viewAt = -1;

  constructor(private readonly elem: Elem, private readonly length: number) {}

  /** Where the kernel should write: the tensor itself when it is in wasm memory, else `scratchAt`. */
  address(ctx: WasmContext, data: Float32Array | Int8Array, scratchAt: number): number {
    return data.buffer === ctx.memory.buffer ? data.byteOffset : scratchAt;
  }

  /** Copies the result from `at` into `data` unless it was written in place. */
  finish(ctx: WasmContext, data: Float32Array | Int8Array, at: number): void {
    if (data.buffer === ctx.memory.buffer) return;
    if (this.generation !== ctx.generation || this.viewAt !== at || this.view === null) {
      this.view = this.elem === 'f32'
        ? ctx.f32.subarray(at >>> 2, (at >>> 2) + this.length)
        : ctx.i8.subarray(at, at + this.length);
      this.generation = ctx.generation;
      this.viewAt = at;
    }
    data.set(this.view);
  }
}
