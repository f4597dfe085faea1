/**
 * The owner of dynamic tensors' memory: tensors whose shape is known only at eval (outputs of WHERE, RESHAPE
 * by a computed shape, control flow, and everything downstream of them) live outside the arena, each in a
 * buffer kept across invokes and replaced only when a larger one is needed.
 */
import { bytesPerElement, viewTyped, type TypedArray } from '../core/dtype.js';
import { MemoryLimitError, ShapeError } from '../core/errors.js';
import { formatShape, numElements } from '../core/shape.js';
import type { InterpreterTensor } from './tensors.js';

export class DynamicBuffers {
  private readonly buffers = new Map<number, ArrayBuffer>();

  constructor(private readonly maxBytes: number) {}

  /** Gives `t` `shape` and a view of its buffer (grown if needed); returns the new data. */
  resize(t: InterpreterTensor, shape: readonly number[]): TypedArray {
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ShapeError(`tensor '${t.name}' got invalid shape ${formatShape([...shape])}`);
    }
    const n = numElements(shape);
    const bytes = n * bytesPerElement(t.dtype);
    if (bytes > this.maxBytes) {
      throw new MemoryLimitError(`dynamic tensor '${t.name}' ${t.dtype}${formatShape([...shape])} needs ${bytes} bytes, over the limit of ${this.maxBytes}`);
    }
    let buffer = this.buffers.get(t.index);
    if (!buffer || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(Math.max(bytes, 8));
      this.buffers.set(t.index, buffer);
    }
    t.shape = [...shape];
    t.data = viewTyped(t.dtype, buffer, 0, n);
    return t.data;
  }

  /** Bytes held for dynamic tensors. */
  get bytes(): number {
    let total = 0;
    for (const b of this.buffers.values()) total += b.byteLength;
    return total;
  }

  clear(): void {
    this.buffers.clear();
  }
}
