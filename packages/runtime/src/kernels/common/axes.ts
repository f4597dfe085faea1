/** Axis lists for reductions and ARG_MAX: negative axes wrap, duplicates collapse (TFLite's ResolveAxis). */
import { ShapeError } from '../../core/errors.js';

/**
 * Normalised, de-duplicated, ascending axes; ShapeError (its message prefixed with `where`, e.g. the node
 * label) when one is outside [-rank, rank).
 */
export function resolveAxes(axes: readonly number[], rank: number, where = ''): number[] {
  const seen = new Set<number>();
  for (const axis of axes) {
    const a = axis < 0 ? axis + rank : axis;
    if (!Number.isInteger(a) || a < 0 || a >= rank) {
      throw new ShapeError(`${where ? `${where}: ` : ''}axis ${axis} is out of range for rank ${rank}`);
    }
    seen.add(a);
  }
  return [...seen].sort((x, y) => x - y);
}

/** The shape left after reducing `axes` (resolved): reduced dims become 1 with keepDims, else vanish. */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}
