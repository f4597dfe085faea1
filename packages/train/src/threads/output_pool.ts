/**
 * Recycled shared-memory buffers for our kernels' large outputs. TF.js gives every kernel output a fresh array;
 * for a training step's 5–20 MB activations, touching fresh memory (page faults, the kernel zeroing pages)
 * costs about as much as the arithmetic. A buffer comes back here when the last tensor holding it is disposed
 * (backend_hooks.ts counts the backend's references to it) and is handed to the next output of the same
 * length. A buffer whose array has been given out by a read (`dataSync`, `data`) is pinned: whoever holds
 * that array keeps it, so it is never reused.
 */

/** Outputs below this many floats are allocated fresh: their page faults are cheap. */
export const MIN_POOLED_FLOATS = 1 << 16;
/** At most this many bytes wait in the pool; beyond it the buffers freed longest ago go to the garbage collector. */
const MAX_POOLED_BYTES = 1 << 30;

export class OutputPool {
  private readonly free = new Map<number, Float32Array[]>();
  private freeBytes = 0;
  /** Free buffers in the order they were released (oldest first); may hold stale entries, see evict(). */
  private released: Float32Array[] = [];
  private readonly waiting = new Set<Float32Array>();
  /** Buffers this pool made, with how many live backend entries hold each. */
  private readonly holders = new WeakMap<SharedArrayBuffer, number>();
  private readonly pinned = new WeakSet<SharedArrayBuffer>();

  /** `maxBytes`: how much may wait in the pool (a smaller model, or a trial of other shapes, frees the rest). */
  constructor(private readonly maxBytes = MAX_POOLED_BYTES) {}

  /** `length` floats in shared memory with unspecified contents: the caller must write every element. */
  take(length: number): Float32Array {
    if (length < MIN_POOLED_FLOATS) return new Float32Array(new SharedArrayBuffer(length * 4));
    const reused = this.free.get(length)?.pop();
    if (reused) {
      this.freeBytes -= reused.byteLength;
      this.waiting.delete(reused);
      return reused;
    }
    const made = new Float32Array(new SharedArrayBuffer(length * 4));
    this.holders.set(made.buffer as SharedArrayBuffer, 0);
    return made;
  }

  /** Whether `buffer` is one of the pool's. */
  owns(buffer: ArrayBufferLike): buffer is SharedArrayBuffer {
    return buffer instanceof SharedArrayBuffer && this.holders.has(buffer);
  }

  /** A backend entry now holds `buffer` (an output, or a view of one such as a slice). */
  hold(buffer: SharedArrayBuffer): void {
    this.holders.set(buffer, (this.holders.get(buffer) ?? 0) + 1);
  }

  /** A backend entry holding `buffer` was deleted; the last one returns it to the pool unless pinned. */
  drop(buffer: SharedArrayBuffer): void {
    const left = (this.holders.get(buffer) ?? 1) - 1;
    this.holders.set(buffer, left);
    if (left > 0 || this.pinned.has(buffer) || buffer.byteLength > this.maxBytes) return;
    const array = new Float32Array(buffer);
    const list = this.free.get(array.length) ?? [];
    list.push(array);
    this.free.set(array.length, list);
    this.freeBytes += buffer.byteLength;
    this.released.push(array);
    this.waiting.add(array);
    this.evict();
  }

  /** Lets the buffers released longest ago go until the pool is within its budget. */
  private evict(): void {
    let i = 0;
    while (this.freeBytes > this.maxBytes && i < this.released.length) {
      const old = this.released[i++]!;
      if (!this.waiting.delete(old)) continue; // taken again since it was released
      const list = this.free.get(old.length)!;
      list.splice(list.indexOf(old), 1);
      this.freeBytes -= old.byteLength;
    }
    this.released = i > 0 || this.released.length > 2 * this.waiting.size + 64
      ? this.released.slice(i).filter((a) => this.waiting.has(a))
      : this.released;
  }

  /** `buffer`'s array has left our control (read by user code): never reuse it. */
  pin(buffer: SharedArrayBuffer): void {
    this.pinned.add(buffer);
  }

  /** Forgets every free buffer (they go to the garbage collector). */
  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
    this.released = [];
    this.waiting.clear();
  }

  get pooledBytes(): number {
    return this.freeBytes;
  }
}

/** This thread's pool (only the main thread allocates kernel outputs). */
export const outputPool = new OutputPool();
