/**
 * Test support: find the tables of a .tflite file and patch single fields in place, to build malformed or
 * unusual files (old-style op codes, unsupported tensor types, bad indices) from models the builder wrote.
 */
import { FlatReader, type Table } from './flatbuffer_reader.js';
import { ModelF, SubGraphF } from './schema_fields.js';

export class ModelSurgery {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  readonly model: Table;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.model = new FlatReader(bytes).root('model');
  }

  private nth(t: Table, id: number, i: number): Table {
    const list = t.tables(id, 'list', (k) => `element ${k}`);
    if (list[i] === undefined) throw new RangeError(`no element ${i} in field ${id}`);
    return list[i];
  }

  subgraph(s: number): Table {
    return this.nth(this.model, ModelF.subgraphs, s);
  }
  tensor(s: number, i: number): Table {
    return this.nth(this.subgraph(s), SubGraphF.tensors, i);
  }
  operator(s: number, i: number): Table {
    return this.nth(this.subgraph(s), SubGraphF.operators, i);
  }
  opcode(i: number): Table {
    return this.nth(this.model, ModelF.operatorCodes, i);
  }
  buffer(i: number): Table {
    return this.nth(this.model, ModelF.buffers, i);
  }

  /** Position of field `id` of `t` (which must be present). */
  fieldPos(t: Table, id: number, size: number): number {
    const p = t.field(id, size);
    if (p === 0) throw new RangeError(`field ${id} is absent`);
    return p;
  }

  /** Position of the vtable slot of field `id` of `t`. */
  vtableSlot(t: Table, id: number): number {
    return t.pos - this.view.getInt32(t.pos, true) + 4 + 2 * id;
  }

  setU8(pos: number, v: number): void {
    this.view.setUint8(pos, v);
  }
  setU16(pos: number, v: number): void {
    this.view.setUint16(pos, v, true);
  }
  setI32(pos: number, v: number): void {
    this.view.setInt32(pos, v, true);
  }
  setU64(pos: number, v: bigint): void {
    this.view.setBigUint64(pos, v, true);
  }
  getU16(pos: number): number {
    return this.view.getUint16(pos, true);
  }
}
