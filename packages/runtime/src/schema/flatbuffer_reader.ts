/**
 * Bounds-checked flatbuffer accessors over a DataView. Every offset, vtable, vector length and string is checked
 * against the buffer before use, and every failure is a ModelFormatError saying where it happened. The reader
 * also keeps a work budget proportional to the file size, so a hostile file whose tables share children (a
 * DAG with huge fan-out) cannot make decoding take longer than a few passes over the bytes.
 */
import { ModelFormatError } from '../core/errors.js';

/** Where a vector starts (first element) and how many elements it holds. */
export interface VectorSpan {
  readonly start: number;
  readonly length: number;
}

export class FlatReader {
  readonly bytes: Uint8Array;
  readonly size: number;
  private readonly view: DataView;
  private work = 0;
  private readonly workLimit: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.size = bytes.byteLength;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.workLimit = 2 * this.size + 65536;
  }

  /** Counts `units` of decoding work; throws once a file could not legitimately need that much. */
  charge(units: number, where: string): void {
    this.work += units;
    if (this.work > this.workLimit) {
      throw new ModelFormatError(`${where}: the model's tables reference more data than a ${this.size}-byte file holds`);
    }
  }

  /** Throws unless `[pos, pos + len)` lies inside the file. */
  need(pos: number, len: number, where: string, what: string): void {
    if (!(pos >= 0 && len >= 0 && pos + len <= this.size)) {
      const at = `byte ${pos}, length ${len}, file ${this.size}`;
      throw new ModelFormatError(`${where}: ${what} runs past the end of the file (${at})`);
    }
  }

  u8(pos: number): number {
    return this.view.getUint8(pos);
  }
  i8(pos: number): number {
    return this.view.getInt8(pos);
  }
  u16(pos: number): number {
    return this.view.getUint16(pos, true);
  }
  i32(pos: number): number {
    return this.view.getInt32(pos, true);
  }
  u32(pos: number): number {
    return this.view.getUint32(pos, true);
  }
  f32(pos: number): number {
    return this.view.getFloat32(pos, true);
  }
  u64(pos: number): bigint {
    return this.view.getBigUint64(pos, true);
  }
  i64(pos: number): bigint {
    return this.view.getBigInt64(pos, true);
  }

  /** Follows the uoffset stored at `pos` (checked) and returns the absolute target. */
  deref(pos: number, where: string, what: string): number {
    this.need(pos, 4, where, `offset to ${what}`);
    const target = pos + this.u32(pos);
    this.need(target, 4, where, what);
    return target;
  }

  /** The root table, following the offset in the first 4 bytes. */
  root(where: string): Table {
    if (this.size < 8) throw new ModelFormatError(`${where}: file is ${this.size} bytes, too small to be a model`);
    return new Table(this, this.deref(0, where, 'root table'), where);
  }

  /** The vector whose header sits at `pos`: length checked against the file for `elemSize`-byte elements. */
  vectorAt(pos: number, elemSize: number, where: string, what: string): VectorSpan {
    const length = this.u32(pos);
    this.need(pos + 4, length * elemSize, where, `${what} (${length} elements)`);
    return { start: pos + 4, length };
  }
}

const utf8 = new TextDecoder('utf-8');

/** One flatbuffer table: its vtable is validated on construction, each field on access. */
export class Table {
  private readonly vtable: number;
  private readonly vtableSize: number;
  private readonly tableSize: number;

  constructor(
    readonly r: FlatReader,
    readonly pos: number,
    readonly where: string,
  ) {
    r.charge(1, where);
    r.need(pos, 4, where, 'table');
    this.vtable = pos - r.i32(pos);
    r.need(this.vtable, 4, where, 'vtable');
    this.vtableSize = r.u16(this.vtable);
    this.tableSize = r.u16(this.vtable + 2);
    if (this.vtableSize < 4 || this.vtableSize % 2 !== 0 || this.tableSize < 4) {
      throw new ModelFormatError(`${where}: malformed vtable (size ${this.vtableSize}, table size ${this.tableSize})`);
    }
    r.need(this.vtable, this.vtableSize, where, 'vtable');
    r.need(pos, this.tableSize, where, 'table');
  }

  /** Absolute position of field `id` holding `size` bytes, or 0 when the field is absent. */
  field(id: number, size: number): number {
    const slot = 4 + 2 * id;
    if (slot + 2 > this.vtableSize) return 0;
    const off = this.r.u16(this.vtable + slot);
    if (off === 0) return 0;
    if (off + size > this.tableSize) {
      throw new ModelFormatError(`${this.where}: field ${id} lies outside its table`);
    }
    return this.pos + off;
  }

  has(id: number): boolean {
    return this.field(id, 1) !== 0;
  }

  int8(id: number, def: number): number {
    const p = this.field(id, 1);
    return p === 0 ? def : this.r.i8(p);
  }
  uint8(id: number, def: number): number {
    const p = this.field(id, 1);
    return p === 0 ? def : this.r.u8(p);
  }
  bool(id: number, def: boolean): boolean {
    const p = this.field(id, 1);
    return p === 0 ? def : this.r.u8(p) !== 0;
  }
  int32(id: number, def: number): number {
    const p = this.field(id, 4);
    return p === 0 ? def : this.r.i32(p);
  }
  uint32(id: number, def: number): number {
    const p = this.field(id, 4);
    return p === 0 ? def : this.r.u32(p);
  }
  float32(id: number, def: number): number {
    const p = this.field(id, 4);
    return p === 0 ? def : this.r.f32(p);
  }
  int64(id: number): bigint {
    const p = this.field(id, 8);
    return p === 0 ? 0n : this.r.i64(p);
  }
  uint64(id: number): bigint {
    const p = this.field(id, 8);
    return p === 0 ? 0n : this.r.u64(p);
  }

  /** The sub-table in field `id`, or null when absent. */
  table(id: number, what: string, where = this.where): Table | null {
    const p = this.field(id, 4);
    return p === 0 ? null : new Table(this.r, this.r.deref(p, where, what), where);
  }

  /** The vector in field `id` with `elemSize`-byte elements, or null when absent. */
  vector(id: number, elemSize: number, what: string): VectorSpan | null {
    const p = this.field(id, 4);
    if (p === 0) return null;
    const span = this.r.vectorAt(this.r.deref(p, this.where, what), elemSize, this.where, what);
    return span;
  }

  string(id: number, what: string): string | null {
    const span = this.vector(id, 1, what);
    if (span === null) return null;
    this.r.charge(span.length / 16, this.where);
    return utf8.decode(this.r.bytes.subarray(span.start, span.start + span.length));
  }

  /** A byte vector as a view into the model bytes (no copy), or null when absent. */
  bytes(id: number, what: string): Uint8Array | null {
    const span = this.vector(id, 1, what);
    return span === null ? null : this.r.bytes.subarray(span.start, span.start + span.length);
  }

  /** A ushort vector as a Uint16Array copy, or null when absent. */
  uint16Array(id: number, what: string): Uint16Array | null {
    const span = this.vector(id, 2, what);
    if (span === null) return null;
    this.r.charge(span.length, this.where);
    const out = new Uint16Array(span.length);
    for (let i = 0; i < span.length; i++) out[i] = this.r.u16(span.start + 2 * i);
    return out;
  }

  int32s(id: number, what: string): number[] | null {
    return this.numbers(id, 4, what, (p) => this.r.i32(p));
  }
  float32s(id: number, what: string): number[] | null {
    return this.numbers(id, 4, what, (p) => this.r.f32(p));
  }
  /** int64 vector as numbers (zero points and the like fit easily). */
  int64s(id: number, what: string): number[] | null {
    return this.numbers(id, 8, what, (p) => Number(this.r.i64(p)));
  }

  /** The tables of a vector-of-tables field; `whereOf(i)` names element i in errors. */
  tables(id: number, what: string, whereOf: (i: number) => string): Table[] {
    const span = this.vector(id, 4, what);
    if (span === null) return [];
    this.r.charge(span.length, this.where);
    const out: Table[] = [];
    for (let i = 0; i < span.length; i++) {
      const at = whereOf(i);
      out.push(new Table(this.r, this.r.deref(span.start + 4 * i, at, 'table'), at));
    }
    return out;
  }

  private numbers(id: number, size: number, what: string, read: (p: number) => number): number[] | null {
    const span = this.vector(id, size, what);
    if (span === null) return null;
    this.r.charge(span.length, this.where);
    const out = new Array<number>(span.length);
    for (let i = 0; i < span.length; i++) out[i] = read(span.start + size * i);
    return out;
  }
}
