/**
 * Greedy-by-size arena planning, as in TFLite Micro's GreedyMemoryPlanner: buffers are placed largest first,
 * each at the lowest offset where it overlaps no already placed buffer whose lifetime intersects its own.
 */

export interface BufferRequest {
  /** Bytes needed; 0-byte buffers get offset 0 and take no space. */
  readonly size: number;
  /** First and last op index (inclusive) during which the buffer must hold its value. */
  readonly firstUse: number;
  readonly lastUse: number;
}

export interface ArenaPlan {
  /** Byte offset of each request, in request order. */
  readonly offsets: number[];
  /** Total arena bytes. */
  readonly size: number;
}

export const ARENA_ALIGNMENT = 16;

export function alignUp(n: number, alignment = ARENA_ALIGNMENT): number {
  return Math.ceil(n / alignment) * alignment;
}

function livesOverlap(a: BufferRequest, b: BufferRequest): boolean {
  return a.firstUse <= b.lastUse && b.firstUse <= a.lastUse;
}

export function planGreedyBySize(requests: readonly BufferRequest[]): ArenaPlan {
  const order = requests
    .map((_, i) => i)
    .sort((a, b) => requests[b].size - requests[a].size || requests[a].firstUse - requests[b].firstUse || a - b);
  const offsets = new Array<number>(requests.length).fill(0);
  const placed: number[] = [];
  let size = 0;
  for (const i of order) {
    const req = requests[i];
    if (req.size === 0) continue;
    const need = alignUp(req.size);
    // Intervals already taken by live-overlapping buffers, sorted by offset; take the first gap that fits.
    const busy = placed
      .filter((j) => livesOverlap(req, requests[j]))
      .map((j) => ({ start: offsets[j], end: offsets[j] + alignUp(requests[j].size) }))
      .sort((a, b) => a.start - b.start);
    let candidate = 0;
    for (const iv of busy) {
      if (candidate + need <= iv.start) break;
      candidate = Math.max(candidate, iv.end);
    }
    offsets[i] = candidate;
    placed.push(i);
    size = Math.max(size, candidate + need);
  }
  return { offsets, size };
}
