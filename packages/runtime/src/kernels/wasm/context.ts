/**
 * A WebAssembly memory with the kernel module instantiated over it, and the allocator of that memory. An
 * interpreter owns one (created on first use): its packed weights, its activation arena and the kernels'
 * scratch live here, and `dispose()` lets all of it go at once. Training creates its own.
 *
 * Growing memory detaches every view of the old buffer, so kernels keep byte offsets, not views, and compare
 * `generation` to refresh the few views they cache. Offsets are plain numbers below 4 GiB: never pass them
 * through signed 32-bit JavaScript operators (`|`, `&`, `>>`, `~`); use `>>>` and the helpers below.
 */
import { MemoryLimitError, StateError, UnsupportedError } from '../../core/errors.js';
import { instantiateKernels, relaxedSimdSupported, simdSupported, type KernelExports } from './module.js';
import { BlockAllocator } from './block_allocator.js';

const PAGE = 65536;
/** The most a 32-bit WebAssembly memory can address. */
export const WASM_MAX_BYTES = 65536 * PAGE;
/** Bytes reserved at address 0: the staging area for partial SIMD stores. */
const RESERVED = 64;
/** Read-ahead slack kept after every region (SIMD loads of a last, partial block). */
export const SLACK = 32;

/** `n` rounded up to a multiple of `to` (a power of two or not), without 32-bit operators. */
export function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** The bytes a scratch region of `bytes` takes: the read-ahead slack added, rounded up to 16-byte alignment. */
export function scratchRegion(bytes: number): number {
  return alignUp(bytes + SLACK, 16);
}

export interface WasmContextOptions {
  /** Largest size the memory may grow to, in bytes (at most, and by default, 4 GiB). */
  readonly maxBytes?: number;
  /**
   * Use WebAssembly relaxed SIMD's fused float multiply-adds (Node 22+, or Node 20 with
   * --experimental-wasm-relaxed-simd; see relaxedSimdSupported()). Off by default: a fused multiply-add
   * rounds once where LiteRT (XNNPACK's wasm kernels) rounds the product and the sum, and two corpus models
   * with ill-conditioned heads (pose_landmarks_detector, dp_net) then land just past the corpus tolerance.
   * Pass a WasmContext({ relaxedSimd: true }) as InterpreterOptions.memory to trade that for speed.
   */
  readonly relaxedSimd?: boolean;
}

export class WasmContext implements Disposable {
  readonly memory = new WebAssembly.Memory({ initial: 1 });
  readonly fn: KernelExports;
  /** Bumped whenever memory grows or scratch moves: cached views and offsets must be refreshed. */
  generation = 0;
  readonly maxBytes: number;
  /** Whether this memory's kernels use relaxed SIMD. */
  readonly relaxedSimd: boolean;
  private readonly blocks: BlockAllocator;
  private scratchAt = 0;
  private scratchSize = 0;
  private disposed = false;
  f32 = new Float32Array(this.memory.buffer);
  i32 = new Int32Array(this.memory.buffer);
  i16 = new Int16Array(this.memory.buffer);
  u16 = new Uint16Array(this.memory.buffer);
  i8 = new Int8Array(this.memory.buffer);
  u8 = new Uint8Array(this.memory.buffer);

  constructor(options: WasmContextOptions = {}) {
    if (!simdSupported()) throw new UnsupportedError('WebAssembly SIMD is not available in this engine');
    const max = options.maxBytes ?? WASM_MAX_BYTES;
    if (!Number.isFinite(max) || max <= 0) throw new RangeError(`maxBytes must be a positive number, got ${String(max)}`);
    this.maxBytes = Math.min(max, WASM_MAX_BYTES);
    this.relaxedSimd = options.relaxedSimd ?? false;
    if (this.relaxedSimd && !relaxedSimdSupported()) {
      throw new UnsupportedError('WebAssembly relaxed SIMD is not available in this engine (Node 20: --experimental-wasm-relaxed-simd)');
    }
    this.fn = instantiateKernels(this.memory, this.relaxedSimd);
    this.blocks = new BlockAllocator(RESERVED, (end) => this.ensure(end));
  }

  /** A 16-byte aligned region of `bytes` (plus read-ahead slack) that stays until `free`; its byte offset. */
  alloc(bytes: number): number {
    this.checkLive();
    if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`cannot allocate ${String(bytes)} bytes`);
    return this.blocks.alloc(alignUp(bytes + SLACK, 16));
  }

  /** Returns a region from `alloc` for reuse. */
  free(at: number): void {
    if (this.disposed) return;
    this.blocks.free(at);
  }

  /** Makes the scratch region at least `bytes` long (call at prepare; it may move). */
  reserveScratch(bytes: number): void {
    this.checkLive();
    if (bytes <= this.scratchSize) return;
    const size = Math.max(bytes, this.scratchSize * 2);
    const at = this.alloc(size);
    if (this.scratchSize > 0) this.free(this.scratchAt);
    this.scratchAt = at;
    this.scratchSize = size;
    this.generation++;
  }

  /** Byte offset of the scratch region (read at eval time: it moves when it grows). */
  get scratch(): number {
    return this.scratchAt;
  }

  /** Current size of the memory in bytes. */
  get byteLength(): number {
    return this.disposed ? 0 : this.memory.buffer.byteLength;
  }

  /** Bytes held by live allocations (packed weights, arenas, scratch), slack included. */
  get bytesInUse(): number {
    return this.blocks.bytesInUse;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Lets the memory go: every offset and view into it becomes invalid. Its pages are released when the
   * garbage collector drops the memory object; nothing here keeps a reference to it after this call.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const empty = new ArrayBuffer(0);
    this.f32 = new Float32Array(empty);
    this.i32 = new Int32Array(empty);
    this.i16 = new Int16Array(empty);
    this.u16 = new Uint16Array(empty);
    this.i8 = new Int8Array(empty);
    this.u8 = new Uint8Array(empty);
    this.generation++;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private checkLive(): void {
    if (this.disposed) throw new StateError('this WebAssembly memory was disposed');
  }

  /** Grows the memory so that bytes [0, end) exist. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    if (end > this.maxBytes) {
      throw new MemoryLimitError(`WebAssembly memory would need ${end} bytes, over its limit of ${this.maxBytes}`);
    }
    // Grow geometrically (bounded by the limit) so that a model's many small packings cost few grows.
    const target = Math.min(this.maxBytes, Math.max(end, Math.min(have * 2, have + 64 * 1024 * 1024)));
    try {
      this.memory.grow(Math.ceil((target - have) / PAGE));
    } catch (cause) {
      throw new MemoryLimitError(`WebAssembly memory could not grow to ${target} bytes (${String(cause)})`);
    }
    const buf = this.memory.buffer;
    this.f32 = new Float32Array(buf);
    this.i32 = new Int32Array(buf);
    this.i16 = new Int16Array(buf);
    this.u16 = new Uint16Array(buf);
    this.i8 = new Int8Array(buf);
    this.u8 = new Uint8Array(buf);
    this.generation++;
  }
}
