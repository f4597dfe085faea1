/**
 * LiteRT.js reports a tensor whose `shape_signature` holds −1 (a dynamic batch) with −1 in its shape and
 * then accepts no concrete input for it. Like the corpus's reference generator, the oracle runs such
 * models at their static shape: a copy of the bytes in which each −1 of a `shape_signature` is replaced by
 * the matching dimension of `shape`. The edit is in place (same length), so no re-serialization.
 *
 * Field ids from the public TFLite schema: Model.subgraphs = 2, SubGraph.tensors = 0, Tensor.shape = 0,
 * Tensor.shape_signature = 7.
 */
const MODEL_SUBGRAPHS = 2;
const SUBGRAPH_TENSORS = 0;
const TENSOR_SHAPE = 0;
const TENSOR_SHAPE_SIGNATURE = 7;

class FlatView {
  private readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private check(pos: number, size: number): number {
    if (!Number.isInteger(pos) || pos < 0 || pos + size > this.view.byteLength) {
      throw new Error(`flatbuffer offset ${pos} out of range (${this.view.byteLength} bytes)`);
    }
    return pos;
  }

  u16(pos: number): number {
    return this.view.getUint16(this.check(pos, 2), true);
  }
  u32(pos: number): number {
    return this.view.getUint32(this.check(pos, 4), true);
  }
  i32(pos: number): number {
    return this.view.getInt32(this.check(pos, 4), true);
  }
  setI32(pos: number, value: number): void {
    this.view.setInt32(this.check(pos, 4), value, true);
  }

  /** Absolute position of a table field, or 0 when absent. */
  field(table: number, id: number): number {
    const vtable = table - this.i32(table);
    const slot = 4 + 2 * id;
    if (slot >= this.u16(vtable)) return 0;
    const rel = this.u16(vtable + slot);
    return rel === 0 ? 0 : table + rel;
  }

  /** Start (first element) and length of the vector a field points at, or null when absent. */
  vector(table: number, id: number): { start: number; length: number } | null {
    const at = this.field(table, id);
    if (at === 0) return null;
    const vec = at + this.u32(at);
    return { start: vec + 4, length: this.u32(vec) };
  }

  /** The tables of a vector-of-tables field. */
  tables(table: number, id: number): number[] {
    const vec = this.vector(table, id);
    if (vec === null) return [];
    return Array.from({ length: vec.length }, (_, i) => {
      const at = vec.start + 4 * i;
      return at + this.u32(at);
    });
  }
}

/** A copy of `model` with every −1 in a shape_signature replaced by the static dimension (or the bytes
 * themselves when no signature has a −1). */
export function withStaticShapeSignatures(model: Uint8Array): Uint8Array {
  const copy = new Uint8Array(model);
  const fb = new FlatView(copy);
  let changed = false;
  const root = fb.u32(0);
  for (const subgraph of fb.tables(root, MODEL_SUBGRAPHS)) {
    for (const tensor of fb.tables(subgraph, SUBGRAPH_TENSORS)) {
      const signature = fb.vector(tensor, TENSOR_SHAPE_SIGNATURE);
      const shape = fb.vector(tensor, TENSOR_SHAPE);
      if (signature === null || shape === null || signature.length !== shape.length) continue;
      for (let d = 0; d < signature.length; d++) {
        if (fb.i32(signature.start + 4 * d) !== -1) continue;
        fb.setI32(signature.start + 4 * d, fb.i32(shape.start + 4 * d));
        changed = true;
      }
    }
  }
  return changed ? copy : model;
}
