/**
 * Numpy-style broadcasting of two shapes (aligned at the trailing axis; extents equal or one is 1).
 */
import { ShapeError } from '../../core/errors.js';

/** The broadcast shape of `a` and `b`; throws ShapeError when an axis pair is neither equal nor 1. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)]!;
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)]!;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else throw new ShapeError(`cannot broadcast shapes [${a.join(',')}] and [${b.join(',')}]`);
  }
  return out;
}

/**
 * Element strides of a tensor of `shape` when read as `outShape` (same length as outShape): axes the tensor
 * lacks or broadcasts (extent 1 against a larger output extent) get stride 0.
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const offset = rank - shape.length;
  if (offset < 0) throw new ShapeError(`shape [${shape.join(',')}] has more axes than [${outShape.join(',')}]`);
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = rank - 1; i >= offset; i--) {
    const d = shape[i - offset]!;
    if (d !== outShape[i] && d !== 1) {
      throw new ShapeError(`shape [${shape.join(',')}] does not broadcast to [${outShape.join(',')}]`);
    }
    strides[i] = d === 1 && outShape[i] !== 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}
