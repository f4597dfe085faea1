/**
 * Single-class (soft) non-maximum suppression on float32 boxes, as TFLite's reference NonMaxSuppression
 * (itself TensorFlow's NonMaxSuppressionV5): candidates above the score threshold are taken best first; a
 * candidate is dropped when its IoU with an already selected box is ≥ the IoU threshold; with sigma > 0
 * each overlap instead decays its score by exp(−0.5·iou²/sigma) and the candidate goes back into the queue,
 * selected only when it comes out with its score unchanged. Boxes are (y1, x1, y2, x2) corners in any order.
 * All arithmetic is float32. Equal scores are taken in index order (TFLite's std::priority_queue leaves
 * their order unspecified).
 */
const f = Math.fround;

interface Candidate {
  index: number;
  score: number;
  suppressBegin: number;
}

/** A max-heap on score, lower index first among equals. */
class CandidateQueue {
  private readonly items: Candidate[] = [];

  get size(): number {
    return this.items.length;
  }

  private before(a: Candidate, b: Candidate): boolean {
    return a.score > b.score || (a.score === b.score && a.index < b.index);
  }

  push(c: Candidate): void {
    const h = this.items;
    h.push(c);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): Candidate {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let best = i;
        if (l < h.length && this.before(h[l]!, h[best]!)) best = l;
        if (r < h.length && this.before(h[r]!, h[best]!)) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best]!, h[i]!];
        i = best;
      }
    }
    return top;
  }
}

/** Intersection over union of boxes i and j, float32 as TFLite computes it; 0 for an empty box. */
export function boxIou(boxes: Float32Array, i: number, j: number): number {
  const b = (k: number, c: number) => boxes[4 * k + c]!;
  const [iy0, iy1] = [Math.min(b(i, 0), b(i, 2)), Math.max(b(i, 0), b(i, 2))];
  const [ix0, ix1] = [Math.min(b(i, 1), b(i, 3)), Math.max(b(i, 1), b(i, 3))];
  const [jy0, jy1] = [Math.min(b(j, 0), b(j, 2)), Math.max(b(j, 0), b(j, 2))];
  const [jx0, jx1] = [Math.min(b(j, 1), b(j, 3)), Math.max(b(j, 1), b(j, 3))];
  const areaI = f(f(iy1 - iy0) * f(ix1 - ix0));
  const areaJ = f(f(jy1 - jy0) * f(jx1 - jx0));
  if (areaI <= 0 || areaJ <= 0) return 0;
  const ih = Math.max(f(Math.min(iy1, jy1) - Math.max(iy0, jy0)), 0);
  const iw = Math.max(f(Math.min(ix1, jx1) - Math.max(ix0, jx0)), 0);
  const intersection = f(ih * iw);
  const union = f(f(areaI + areaJ) - intersection);
  return union === 0 ? 0 : f(intersection / union);
}

/** Runs NMS; writes up to `maxOutput` indices (and scores, when `selectedScores` is given); returns how many. */
export function nonMaxSuppression(
  boxes: Float32Array, scores: Float32Array, maxOutput: number, iouThreshold: number, scoreThreshold: number, sigma: number,
  selected: Int32Array, selectedScores: Float32Array | null,
): number {
  const queue = new CandidateQueue();
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! > scoreThreshold) queue.push({ index: i, score: scores[i]!, suppressBegin: 0 });
  }
  const outputs = Math.min(queue.size, maxOutput);
  const scale = sigma > 0 ? f(-0.5 / sigma) : 0;
  let count = 0;
  while (count < outputs && queue.size > 0) {
    const c = queue.pop();
    const original = c.score;
    let hard = false;
    for (let j = count - 1; j >= c.suppressBegin; j--) {
      const iou = boxIou(boxes, c.index, selected[j]!);
      if (iou >= iouThreshold) {
        hard = true;
        break;
      }
      if (sigma > 0) c.score = f(c.score * f(Math.exp(f(f(scale * iou) * iou))));
      if (c.score <= scoreThreshold) break;
    }
    c.suppressBegin = count;
    if (hard) continue;
    if (c.score === original) {
      selected[count] = c.index;
      if (selectedScores) selectedScores[count] = c.score;
      count++;
    }
    if (c.score > scoreThreshold) queue.push(c);
  }
  return count;
}
