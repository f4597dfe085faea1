/**
 * STRIDED_SLICE's index logic, following TFLite's strided_slice.cc: the spec (begin/end/strides plus the
 * five masks) is first rewritten over "effective" dimensions — the ellipsis expanded to the dimensions it
 * covers, every new_axis inserted as a size-1 input dimension — and then each effective axis gets a start
 * and end by StridedSliceStartForAxis/EndForAxis (negative indices wrap, masks select the whole range,
 * `offset` makes end relative to begin, clamping depends on the stride's sign).
 */
import { stridesOf } from '../../core/shape.js';
import type { StridedSliceOptions } from '../../core/options.js';
import type { StridedBox } from './strided_copy.js';

export interface StridedSliceSpec {
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
  readonly options: StridedSliceOptions;
}

interface EffectiveAxis {
  /** Input dimension (size 1 for an inserted axis). */
  readonly size: number;
  /** Input element stride (0 for an inserted axis). */
  readonly inputStride: number;
  readonly begin: number;
  readonly end: number;
  readonly stride: number;
  readonly beginMasked: boolean;
  readonly endMasked: boolean;
  readonly shrink: boolean;
}

export interface StridedSlicePlan {
  readonly outputShape: number[];
  /** The input region to copy, one box dimension per effective axis. */
  readonly box: StridedBox;
}

const bit = (mask: number, i: number): boolean => (mask & (1 << i)) !== 0;

/** Throws Error with a plain message on an invalid spec; callers wrap it with the node's label. */
export function planStridedSlice(inputShape: readonly number[], spec: StridedSliceSpec): StridedSlicePlan {
  const { begin, end, strides } = spec;
  if (begin.length !== end.length || begin.length !== strides.length) {
    throw new Error(`begin, end and strides have lengths ${begin.length}, ${end.length}, ${strides.length}`);
  }
  const axes = effectiveAxes(inputShape, spec);
  const outputShape: number[] = [];
  const boxShape: number[] = [];
  const boxStrides: number[] = [];
  let offset = 0;
  axes.forEach((axis, i) => {
    if (axis.stride === 0) throw new Error(`stride ${i} is zero`);
    const start = startForAxis(axis);
    const stop = endForAxis(axis, start, spec.options.offset);
    if (axis.shrink && (start < 0 || start >= axis.size)) {
      throw new Error(`shrunk index ${axis.begin} is out of range for dimension of size ${axis.size}`);
    }
    const count = Math.max(0, Math.ceil((stop - start) / axis.stride));
    if (!axis.shrink) outputShape.push(count);
    boxShape.push(count);
    boxStrides.push(axis.stride * axis.inputStride);
    if (count > 0) offset += start * axis.inputStride;
  });
  return { outputShape, box: { shape: boxShape, strides: boxStrides, offset } };
}

/** TFLite's BuildStridedSliceParams: masks and indices re-expressed over the effective dimensions. */
function effectiveAxes(inputShape: readonly number[], spec: StridedSliceSpec): EffectiveAxis[] {
  const o = spec.options;
  const count = spec.begin.length;
  const rank = inputShape.length;
  let numAddAxis = 0;
  for (let i = 0; i < count; i++) if (!bit(o.ellipsisMask, i) && bit(o.newAxisMask, i)) numAddAxis++;
  const dims = rank + numAddAxis;

  let ellipsisMask = 0;
  let newAxisMask = 0;
  let ellipsisStart = dims;
  let expanded = 0;
  for (let i = 0; i < dims; ) {
    if (bit(o.ellipsisMask, i)) {
      ellipsisStart = i;
      const ellipsisEnd = Math.max(i + 1, Math.min(i + 1 + numAddAxis + rank - count, dims));
      expanded = ellipsisEnd - ellipsisStart - 1;
      for (; i < ellipsisEnd; i++) ellipsisMask |= 1 << i;
      continue;
    }
    if (bit(o.newAxisMask, i - expanded)) newAxisMask |= 1 << i;
    i++;
  }

  const inStrides = stridesOf(inputShape);
  const axes: EffectiveAxis[] = [];
  let addedEllipsis = 0;
  let addedAxes = 0;
  const whole = (i: number): EffectiveAxis => ({
    size: inputShape[i - addedAxes]!,
    inputStride: inStrides[i - addedAxes]!,
    begin: 0,
    end: 0,
    stride: 1,
    beginMasked: true,
    endMasked: true,
    shrink: false,
  });
  for (let i = 0; i < dims; i++) {
    if (bit(ellipsisMask, i)) {
      addedEllipsis = Math.max(0, i - ellipsisStart);
      axes.push(whole(i));
    } else if (bit(newAxisMask, i)) {
      axes.push({ size: 1, inputStride: 0, begin: 0, end: 1, stride: 1, beginMasked: false, endMasked: false, shrink: false });
      addedAxes++;
    } else if (i >= count + expanded) {
      axes.push(whole(i));
    } else {
      const k = i - addedEllipsis;
      if (i - addedAxes >= rank) throw new Error(`slice spec has more dimensions than the input (rank ${rank})`);
      axes.push({
        size: inputShape[i - addedAxes]!,
        inputStride: inStrides[i - addedAxes]!,
        begin: spec.begin[k]!,
        end: spec.end[k]!,
        stride: spec.strides[k]!,
        beginMasked: bit(o.beginMask, k),
        endMasked: bit(o.endMask, k),
        shrink: bit(o.shrinkAxisMask, k),
      });
    }
  }
  return axes;
}

const clamp = (v: number, lo: number, hi: number): number => (v > hi ? hi : v < lo ? lo : v);

/** First index visited: in [0, size] going forward, [-1, size-1] going backward. */
function startForAxis(a: EffectiveAxis): number {
  if (a.beginMasked) return a.stride > 0 ? 0 : a.size - 1;
  const start = a.begin < 0 ? a.begin + a.size : a.begin;
  return a.stride > 0 ? clamp(start, 0, a.size) : clamp(start, -1, a.size - 1);
}

/** One past the last index visited (in the direction of the stride). */
function endForAxis(a: EffectiveAxis, start: number, offset: boolean): number {
  if (a.shrink) return start >= a.size ? start : start + 1;
  if (a.endMasked) return a.stride > 0 ? a.size : -1;
  let end = offset ? a.end + start : a.end;
  if (end < 0) end += a.size;
  return a.stride > 0 ? clamp(end, 0, a.size) : clamp(end, -1, a.size - 1);
}
