/**
 * First-fit allocation of byte ranges in a growable linear memory, with freed neighbours merged. A model
 * allocates a few hundred regions at prepare (packed weights, the arena, scratch) and frees them on re-plan
 * or dispose, so lists and linear scans are enough. Sizes passed in are already aligned by the caller.
 */
import { MemoryLimitError } from '../../core/errors.js';

interface FreeBlock {
  at: number;
  size: number;
}

export class BlockAllocator {
  /** Free ranges below `top`, sorted by address, never adjacent (merged on free). */
  private readonly freeList: FreeBlock[] = [];
  private readonly live = new Map<number, number>();
  private top: number;
  private inUse = 0;

  /**
   * @param base first address handed out (addresses below it are reserved)
   * @param ensure makes addresses [0, end) exist, growing the memory, or throws
   */
  constructor(base: number, private readonly ensure: (end: number) => void) {
    this.top = base;
  }

  alloc(size: number): number {
    const i = this.freeList.findIndex((b) => b.size >= size);
    let at: number;
    if (i >= 0) {
      const block = this.freeList[i]!;
      at = block.at;
      if (block.size === size) this.freeList.splice(i, 1);
      else {
        block.at += size;
        block.size -= size;
      }
    } else {
      // Extend the last free block if it ends at the top, else start a fresh range at the top.
      const last = this.freeList[this.freeList.length - 1];
      at = last && last.at + last.size === this.top ? last.at : this.top;
      const end = at + size;
      if (!Number.isSafeInteger(end)) throw new MemoryLimitError(`cannot allocate ${size} bytes`);
      this.ensure(end);
      if (at !== this.top) this.freeList.pop();
      this.top = end;
    }
    this.live.set(at, size);
    this.inUse += size;
    return at;
  }

  free(at: number): void {
    const size = this.live.get(at);
    if (size === undefined) throw new RangeError(`free(${at}): not an allocated region`);
    this.live.delete(at);
    this.inUse -= size;
    // Insert sorted, then merge with the neighbours it touches.
    let i = 0;
    while (i < this.freeList.length && this.freeList[i]!.at < at) i++;
    this.freeList.splice(i, 0, { at, size });
    const next = this.freeList[i + 1];
    const cur = this.freeList[i]!;
    if (next && cur.at + cur.size === next.at) {
      cur.size += next.size;
      this.freeList.splice(i + 1, 1);
    }
    const prev = this.freeList[i - 1];
    if (prev && prev.at + prev.size === cur.at) {
      prev.size += cur.size;
      this.freeList.splice(i, 1);
    }
  }

  /** Bytes in live regions. */
  get bytesInUse(): number {
    return this.inUse;
  }

  /** End of the highest region ever handed out. */
  get highWater(): number {
    return this.top;
  }
}
