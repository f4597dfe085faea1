/**
 * Gives a .tflite flatbuffer a new root Model table whose `metadata` list carries one new entry, without
 * re-encoding the model. Flatbuffer offsets are relative and point forward, so a block put in front of the
 * unchanged bytes can hold a new root, a new Model table, new `buffers` and `metadata` vectors and the new
 * entries, and refer to every old table, vector and buffer by offset. The block is a multiple of 16 bytes
 * long, so every old buffer keeps its alignment; buffers stored outside the flatbuffer (absolute `offset`
 * fields, models over 2 GB) are re-described with their offsets moved by the block's length.
 */
import { ModelFormatError, UnsupportedError } from '../core/errors.js';
import { FlatReader, type Table } from '../schema/flatbuffer_reader.js';
import { BufferF, FILE_IDENTIFIER, MetadataF, ModelF, OperatorF, SubGraphF } from '../schema/schema_fields.js';

const BLOCK_ALIGNMENT = 16;

/** One entry to put in the model's metadata list (an existing entry of the same name is replaced). */
export interface MetadataEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A forward-only layout: positions are handed out in order, and the bytes are written once all are known. */
class Block {
  size = 0;
  alloc(bytes: number, align: number): number {
    this.size = Math.ceil(this.size / align) * align;
    const at = this.size;
    this.size += bytes;
    return at;
  }
}

interface OldModel {
  readonly model: Table;
  readonly buffers: readonly Table[];
  readonly metadata: readonly { readonly table: Table; readonly name: string; readonly buffer: number }[];
}

/**
 * Custom options stored outside the flatbuffer sit at absolute offsets inside operator tables, which this
 * method cannot move without rewriting every subgraph: such models (over 2 GB) are refused.
 */
function refuseExternalCustomOptions(model: Table): void {
  for (const sg of model.tables(ModelF.subgraphs, 'subgraphs', (i) => `subgraph ${i}`)) {
    for (const op of sg.tables(SubGraphF.operators, 'operators', (i) => `${sg.where}, operator ${i}`)) {
      if (op.uint64(OperatorF.largeCustomOptionsOffset) > 1n) {
        throw new UnsupportedError(`${op.where}: custom options stored outside the flatbuffer; metadata cannot be added to this model`);
      }
    }
  }
}

function readOldModel(bytes: Uint8Array): OldModel {
  const model = new FlatReader(bytes).root('model');
  refuseExternalCustomOptions(model);
  const buffers = model.tables(ModelF.buffers, 'buffers', (i) => `buffer ${i}`);
  const metadata = model.tables(ModelF.metadata, 'metadata', (i) => `metadata ${i}`).map((table) => ({
    table,
    name: table.string(MetadataF.name, 'name') ?? '',
    buffer: table.uint32(MetadataF.buffer, 0),
  }));
  return { model, buffers, metadata };
}

/** Buffers whose data lies outside the flatbuffer, at an absolute file offset that the new block moves. */
function externalOffset(t: Table): { offset: bigint; size: bigint } | null {
  const offset = t.uint64(BufferF.offset);
  return offset > 1n ? { offset, size: t.uint64(BufferF.size) } : null;
}

/** The model bytes with `entry` as its metadata entry of that name, the rest of the model untouched. */
export function withMetadataEntry(bytes: Uint8Array, entry: MetadataEntry): Uint8Array {
  const old = readOldModel(bytes);
  const kept = old.metadata.filter((m) => m.name !== entry.name);
  const replaced = old.metadata.find((m) => m.name === entry.name);
  const bufferIndex = replaced && replaced.buffer < old.buffers.length ? replaced.buffer : old.buffers.length;
  const bufferCount = Math.max(old.buffers.length, bufferIndex + 1);
  const external = old.buffers.map(externalOffset);

  // Layout: root offset + identifier, the Model vtable and table, the two vectors, then the new tables.
  const b = new Block();
  b.alloc(8, 4);
  const modelVtable = b.alloc(4 + 2 * ModelF.numFields, 2);
  const modelTable = b.alloc(4 + 4 * ModelF.numFields, 4);
  const buffersVector = b.alloc(4 + 4 * bufferCount, 4);
  const metadataVector = b.alloc(4 + 4 * (kept.length + 1), 4);
  const externalTables = external.map((e) => (e === null ? null : { vtable: b.alloc(10, 2), table: b.alloc(24, 8) }));
  const dataBufferVtable = b.alloc(6, 2);
  const dataBufferTable = b.alloc(8, 4);
  const entryVtable = b.alloc(8, 2);
  const entryTable = b.alloc(12, 4);
  const nameBytes = new TextEncoder().encode(entry.name);
  const nameString = b.alloc(4 + nameBytes.length + 1, 4);
  // The data vector's length word sits 4 bytes before 16-aligned data (a nested flatbuffer wants alignment).
  const dataVector = b.alloc(4 + entry.data.length, BLOCK_ALIGNMENT) + (BLOCK_ALIGNMENT - 4);
  b.alloc(BLOCK_ALIGNMENT - 4, 1);
  const shift = b.alloc(0, BLOCK_ALIGNMENT);

  const out = new Uint8Array(shift + bytes.length);
  const view = new DataView(out.buffer);
  const u16 = (p: number, v: number) => view.setUint16(p, v, true);
  const u32 = (p: number, v: number) => view.setUint32(p, v >>> 0, true);
  const ref = (at: number, target: number) => u32(at, target - at);
  const vtable = (at: number, tableSize: number, fields: readonly number[]) => {
    u16(at, 4 + 2 * fields.length);
    u16(at + 2, tableSize);
    fields.forEach((f, i) => { u16(at + 4 + 2 * i, f); });
  };
  const oldTarget = (t: Table, id: number): number => {
    const p = t.field(id, 4);
    return p === 0 ? 0 : t.r.deref(p, t.where, `field ${id}`) + shift;
  };

  ref(0, modelTable);
  out.set(new TextEncoder().encode(FILE_IDENTIFIER), 4);

  // Model: version, then uoffset fields (old targets moved by `shift`, or the new vectors).
  const slots: number[] = [];
  for (let id = 0; id < ModelF.numFields; id++) {
    const slot = modelTable + 4 + 4 * id;
    const value = id === ModelF.version ? old.model.uint32(id, 0) : 0;
    if (id === ModelF.version) u32(slot, value);
    else if (id === ModelF.buffers) ref(slot, buffersVector);
    else if (id === ModelF.metadata) ref(slot, metadataVector);
    else {
      const target = oldTarget(old.model, id);
      if (target === 0) {
        slots.push(0);
        continue;
      }
      ref(slot, target);
    }
    slots.push(4 + 4 * id);
  }
  vtable(modelVtable, 4 + 4 * ModelF.numFields, slots);
  view.setInt32(modelTable, modelTable - modelVtable, true);

  u32(buffersVector, bufferCount);
  for (let i = 0; i < bufferCount; i++) {
    const slot = buffersVector + 4 + 4 * i;
    const moved = externalTables[i];
    if (i === bufferIndex) ref(slot, dataBufferTable);
    else if (moved) ref(slot, moved.table);
    else ref(slot, old.buffers[i].pos + shift);
  }
  externalTables.forEach((t, i) => {
    if (t === null) return;
    const e = external[i] as { offset: bigint; size: bigint };
    vtable(t.vtable, 24, [0, 8, 16]);
    view.setInt32(t.table, t.table - t.vtable, true);
    view.setBigUint64(t.table + 8, e.offset + BigInt(shift), true);
    view.setBigUint64(t.table + 16, e.size, true);
  });
  vtable(dataBufferVtable, 8, [4]);
  view.setInt32(dataBufferTable, dataBufferTable - dataBufferVtable, true);
  ref(dataBufferTable + 4, dataVector);
  u32(dataVector, entry.data.length);
  out.set(entry.data, dataVector + 4);

  u32(metadataVector, kept.length + 1);
  kept.forEach((m, i) => { ref(metadataVector + 4 + 4 * i, m.table.pos + shift); });
  ref(metadataVector + 4 + 4 * kept.length, entryTable);
  vtable(entryVtable, 12, [4, 8]);
  view.setInt32(entryTable, entryTable - entryVtable, true);
  ref(entryTable + 4, nameString);
  u32(entryTable + 8, bufferIndex);
  u32(nameString, nameBytes.length);
  out.set(nameBytes, nameString + 4);

  out.set(bytes, shift);
  if (out.length > 0x7fffffff) throw new ModelFormatError('model: adding metadata would make the flatbuffer exceed 2 GB');
  return out;
}
