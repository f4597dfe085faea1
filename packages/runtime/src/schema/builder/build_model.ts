/**
 * Serializes a ModelDesc into a .tflite flatbuffer ("TFL3", schema version 3), so that
 * `readModel(buildModel(d))` gives back `d`. Buffer 0 is the empty sentinel (TFLite convention); each constant
 * tensor gets its own buffer (tensors sharing one data view share one buffer), 16-byte aligned; each metadata
 * entry gets an empty buffer, since a ModelDesc keeps metadata names only.
 */
import { Builder } from 'flatbuffers';
import type { ModelDesc, OperatorDesc } from '../../core/model.js';
import { FILE_IDENTIFIER, MetadataF, ModelF, SCHEMA_VERSION } from '../schema_fields.js';
import {
  DATA_ALIGNMENT,
  offsetVector,
  writeBuffer,
  writeOperator,
  writeOperatorCode,
  writeSignature,
  writeSubgraph,
  writeTensor,
  type OperatorCodeSpec,
} from './write_tables.js';

export interface BuildOptions {
  /**
   * Store constant data after the flatbuffer, referenced by Buffer.offset/size (the form TFLite uses for
   * models over 2 GB), instead of inside it.
   */
  readonly externalData?: boolean;
}

/** Buffer numbering and operator-code table shared by both passes of the build. */
interface Layout {
  readonly buffers: Uint8Array[];
  readonly tensorBuffer: number[][];
  readonly metadataBuffer: number[];
  readonly codes: OperatorCodeSpec[];
  readonly opcodeIndex: number[][];
}

function codeKey(op: OperatorDesc): string {
  return `${op.opcode}/${op.version}/${op.customCode ?? ''}`;
}

function planLayout(desc: ModelDesc): Layout {
  const buffers: Uint8Array[] = [new Uint8Array(0)];
  const byData = new Map<Uint8Array, number>();
  const tensorBuffer = desc.subgraphs.map((sg) =>
    sg.tensors.map((t) => {
      if (t.data === null || t.data.byteLength === 0) return 0;
      let index = byData.get(t.data);
      if (index === undefined) {
        index = buffers.push(t.data) - 1;
        byData.set(t.data, index);
      }
      return index;
    }),
  );
  const metadataBuffer = desc.metadata.map(() => buffers.push(new Uint8Array(0)) - 1);
  const codes: OperatorCodeSpec[] = [];
  const codeIndex = new Map<string, number>();
  const opcodeIndex = desc.subgraphs.map((sg) =>
    sg.operators.map((op) => {
      const key = codeKey(op);
      let index = codeIndex.get(key);
      if (index === undefined) {
        index = codes.push({ opcode: op.opcode, version: op.version, customCode: op.customCode }) - 1;
        codeIndex.set(key, index);
      }
      return index;
    }),
  );
  return { buffers, tensorBuffer, metadataBuffer, codes, opcodeIndex };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Offsets of each buffer's data when appended, aligned, after a flatbuffer of `base` bytes. */
function externalPlacement(buffers: readonly Uint8Array[], base: number): ({ offset: number; size: number } | null)[] {
  let at = alignUp(base, DATA_ALIGNMENT);
  return buffers.map((data) => {
    if (data.byteLength === 0) return null;
    const place = { offset: at, size: data.byteLength };
    at = alignUp(at + data.byteLength, DATA_ALIGNMENT);
    return place;
  });
}

function writeFlatbuffer(desc: ModelDesc, layout: Layout, external: ({ offset: number; size: number } | null)[] | null): Uint8Array {
  const dataBytes = external === null ? layout.buffers.reduce((s, d) => s + d.byteLength + DATA_ALIGNMENT, 0) : 0;
  const b = new Builder(1024 + dataBytes);
  // Data first: flatbuffers grows backwards, so the big buffers end up at the end of the file.
  const buffers = layout.buffers.map((d, i) => writeBuffer(b, external === null ? d : null, external?.[i] ?? null));
  const codes = layout.codes.map((c) => writeOperatorCode(b, c));
  const subgraphs = desc.subgraphs.map((sg, s) =>
    writeSubgraph(b, {
      tensors: sg.tensors.map((t, i) => writeTensor(b, t, layout.tensorBuffer[s][i])),
      inputs: sg.inputs,
      outputs: sg.outputs,
      operators: sg.operators.map((op, i) =>
        writeOperator(b, {
          opcodeIndex: layout.opcodeIndex[s][i],
          inputs: op.inputs,
          outputs: op.outputs,
          intermediates: op.intermediates,
          options: op.options,
          customOptions: op.customOptions,
        }),
      ),
      name: sg.name,
    }),
  );
  const signatures = desc.signatures.map((sig) => writeSignature(b, sig));
  const metadata = desc.metadata.map((m, i) => {
    const name = b.createString(m.name);
    b.startObject(MetadataF.numFields);
    b.addFieldOffset(MetadataF.name, name, 0);
    b.addFieldInt32(MetadataF.buffer, layout.metadataBuffer[i], 0);
    return b.endObject();
  });
  const vectors = {
    buffers: offsetVector(b, buffers),
    codes: offsetVector(b, codes),
    subgraphs: offsetVector(b, subgraphs),
    signatures: offsetVector(b, signatures),
    metadata: offsetVector(b, metadata),
    description: b.createString(desc.description),
  };
  b.startObject(ModelF.numFields);
  b.addFieldInt32(ModelF.version, SCHEMA_VERSION, null);
  b.addFieldOffset(ModelF.operatorCodes, vectors.codes, 0);
  b.addFieldOffset(ModelF.subgraphs, vectors.subgraphs, 0);
  b.addFieldOffset(ModelF.description, vectors.description, 0);
  b.addFieldOffset(ModelF.buffers, vectors.buffers, 0);
  if (metadata.length > 0) b.addFieldOffset(ModelF.metadata, vectors.metadata, 0);
  if (signatures.length > 0) b.addFieldOffset(ModelF.signatureDefs, vectors.signatures, 0);
  b.finish(b.endObject(), FILE_IDENTIFIER);
  // A copy starting at byte 0 of its own ArrayBuffer, so the 16-byte alignment inside the file is real.
  return b.asUint8Array().slice();
}

/** Appends each buffer's data at its planned offset. */
function appendData(flat: Uint8Array, buffers: readonly Uint8Array[], places: ({ offset: number; size: number } | null)[]): Uint8Array {
  const end = places.reduce((e, p) => (p === null ? e : Math.max(e, p.offset + p.size)), flat.byteLength);
  const out = new Uint8Array(end);
  out.set(flat, 0);
  places.forEach((p, i) => { p !== null && out.set(buffers[i], p.offset); });
  return out;
}

export function buildModel(desc: ModelDesc, options: BuildOptions = {}): Uint8Array {
  const layout = planLayout(desc);
  if (!options.externalData) return writeFlatbuffer(desc, layout, null);
  // Offsets are fixed-size u64 fields, so a first pass with placeholder offsets gives the final size.
  const probe = writeFlatbuffer(desc, layout, externalPlacement(layout.buffers, 0));
  const places = externalPlacement(layout.buffers, probe.byteLength);
  const flat = writeFlatbuffer(desc, layout, places);
  if (flat.byteLength !== probe.byteLength) throw new Error('buildModel: external-data layout changed between passes');
  return appendData(flat, layout.buffers, places);
}
