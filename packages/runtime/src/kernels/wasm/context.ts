/**
 * The one WebAssembly memory all wasm kernels share, and its allocator. Prepare-time data (packed weights,
 * biases, scales) is bump-allocated and stays for the life of the process; per-invoke work buffers come from
 * one scratch region that only grows (at prepare, when a kernel asks for more), so invoke never grows memory.
 *
 * Growing memory detaches every view of the old buffer, so kernels keep byte offsets, not views, and compare
 * `generation` to refresh the few views they cache.
 */
import { UnsupportedError } from '../../core/errors.js';
import { instantiateKernels, simdSupported, type KernelExports } from './module.js';

const PAGE = 65536;
/** Bytes reserved at address 0: the staging area for partial SIMD stores. */
const RESERVED = 64;
/** Read-ahead slack kept after every region (SIMD loads of a last, partial block). */
export const SLACK = 32;

/** The bytes a scratch region of `bytes` takes: the read-ahead slack added, rounded up to 16-byte alignment. */
export function scratchRegion(bytes: number): number {
  return (bytes + SLACK + 15) & ~15;
}

export class WasmContext {
  readonly memory = new WebAssembly.Memory({ initial: 16 });
  readonly fn: KernelExports;
  /** Bumped whenever memory grows or scratch moves: cached views and offsets must be refreshed. */
  generation = 0;
  private top = RESERVED;
  private scratchAt = 0;
  private scratchSize = 0;
  f32 = new Float32Array(this.memory.buffer);
  i32 = new Int32Array(this.memory.buffer);
  i16 = new Int16Array(this.memory.buffer);
  i8 = new Int8Array(this.memory.buffer);
  u8 = new Uint8Array(this.memory.buffer);

  constructor() {
    this.fn = instantiateKernels(this.memory);
  }

  /** A persistent, 16-byte aligned region of `bytes` (plus slack); returns its byte offset. */
  alloc(bytes: number): number {
    const at = (this.top + 15) & ~15;
    this.ensure(at + bytes + SLACK);
    this.top = at + bytes + SLACK;
    return at;
  }

  /** Makes the scratch region at least `bytes` long (call at prepare). */
  reserveScratch(bytes: number): void {
    if (bytes <= this.scratchSize) return;
    const size = Math.max(bytes, this.scratchSize * 2);
    this.scratchAt = this.alloc(size);
    this.scratchSize = size;
    this.generation++;
  }

  /** Byte offset of the scratch region (read at eval time: it moves when it grows). */
  get scratch(): number {
    return this.scratchAt;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    this.memory.grow(Math.ceil((end - have) / PAGE));
    const buf = this.memory.buffer;
    this.f32 = new Float32Array(buf);
    this.i32 = new Int32Array(buf);
    this.i16 = new Int16Array(buf);
    this.i8 = new Int8Array(buf);
    this.u8 = new Uint8Array(buf);
    this.generation++;
  }
}

let shared: WasmContext | null = null;

/** The process-wide context, created on first use. Throws UnsupportedError without WebAssembly SIMD. */
export function wasmContext(): WasmContext {
  if (shared) return shared;
  if (!simdSupported()) throw new UnsupportedError('WebAssembly SIMD is not available in this engine');
  shared = new WasmContext();
  return shared;
}
