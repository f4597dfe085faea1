/**
 * The memory an interpreter's tensors live in, and its one owner. With WebAssembly SIMD the activation arena
 * sits in the interpreter's WebAssembly memory, next to the packed weights, so wasm kernels read and write
 * tensors in place (no copy in or out per call); without SIMD it is a plain ArrayBuffer. `dispose()` releases
 * the arena (and the whole WebAssembly memory when this interpreter created it).
 *
 * Growing a WebAssembly memory detaches views of it, so the bound views are rebuilt whenever the memory's
 * generation moved since they were made (cheap: one comparison per invoke).
 */
import { allocTyped } from '../core/dtype.js';
import { StateError } from '../core/errors.js';
import { simdSupported } from '../kernels/wasm/module.js';
import { WasmContext } from '../kernels/wasm/context.js';
import { bindArena, type ArenaPlan } from './allocate.js';

export class TensorMemory {
  private ctx: WasmContext | null;
  private readonly ownsContext: boolean;
  private plan: ArenaPlan | null = null;
  /** The arena: an offset in wasm memory, or its own buffer. */
  private wasmAt = -1;
  private wasmBytes = 0;
  private buffer: ArrayBuffer | null = null;
  private boundGeneration = -1;
  private disposed = false;

  /** @param shared a memory the caller owns and disposes; otherwise one is made on first use and owned here. */
  constructor(shared?: WasmContext) {
    this.ctx = shared ?? null;
    this.ownsContext = !shared;
  }

  /** The WebAssembly memory, made on first use (throws UnsupportedError without SIMD). */
  wasm(): WasmContext {
    this.checkLive();
    this.ctx ??= new WasmContext();
    return this.ctx;
  }

  /** Whether the arena goes into WebAssembly memory. */
  private get inWasm(): boolean {
    return this.ctx !== null || simdSupported();
  }

  /** Gives `plan` an arena (reusing the previous one when large enough), zeroed, and binds its tensors. */
  place(plan: ArenaPlan): void {
    this.checkLive();
    this.plan = plan;
    if (this.inWasm) {
      const ctx = this.wasm();
      if (this.wasmAt < 0 || this.wasmBytes < plan.bytes) {
        if (this.wasmAt >= 0) ctx.free(this.wasmAt);
        this.wasmAt = ctx.alloc(plan.bytes);
        this.wasmBytes = plan.bytes;
      }
      ctx.u8.fill(0, this.wasmAt, this.wasmAt + plan.bytes);
    } else {
      if (!this.buffer || this.buffer.byteLength < plan.bytes) this.buffer = new ArrayBuffer(plan.bytes);
      new Uint8Array(this.buffer, 0, plan.bytes).fill(0);
    }
    this.boundGeneration = -1;
    this.refresh();
  }

  /** Rebuilds the tensors' views if the WebAssembly memory grew (or scratch moved) since they were bound. */
  refresh(): void {
    if (!this.plan) return;
    this.checkLive();
    if (this.inWasm) {
      const ctx = this.ctx!;
      if (this.boundGeneration === ctx.generation) return;
      bindArena(this.plan, ctx.memory.buffer, this.wasmAt);
      this.boundGeneration = ctx.generation;
    } else if (this.boundGeneration !== 0) {
      bindArena(this.plan, this.buffer!, 0);
      this.boundGeneration = 0;
    }
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Bytes of WebAssembly memory this interpreter's memory holds (0 without SIMD or before first use). */
  get wasmByteLength(): number {
    return this.ctx && !this.ctx.isDisposed ? this.ctx.byteLength : 0;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Views keep their buffer alive: drop them so the memory can be collected even while the interpreter is.
    for (const { tensor } of this.plan?.slots ?? []) tensor.data = allocTyped(tensor.dtype, 0);
    if (this.ctx) {
      if (this.ownsContext) this.ctx.dispose();
      else if (this.wasmAt >= 0) this.ctx.free(this.wasmAt);
    }
    this.ctx = null;
    this.buffer = null;
    this.plan = null;
  }

  private checkLive(): void {
    if (this.disposed) throw new StateError('the interpreter was disposed');
  }
}
