/**
 * The .tflite reader: turns model bytes into the runtime's ModelDesc. It is the only code that knows
 * flatbuffer offsets; everything it returns is plain data, and constant tensor data are views into `bytes`.
 * Any malformed input throws a TfliteError (ModelFormatError, or UnsupportedError for a newer schema).
 */
import { ModelFormatError, UnsupportedError } from '../core/errors.js';
import type { MetadataDesc, ModelDesc, SignatureDesc, SignatureTensor, SubgraphDesc } from '../core/model.js';
import { FlatReader, type Table } from './flatbuffer_reader.js';
import { externalBytes, readOpCode, readOperator, type OpCode } from './read_operator.js';
import { readTensor } from './read_tensor.js';
import {
  BufferF,
  MetadataF,
  ModelF,
  SCHEMA_VERSION,
  SignatureDefF,
  SubGraphF,
  TensorMapF,
} from './schema_fields.js';

function readBuffer(t: Table, r: FlatReader): Uint8Array | null {
  const inline = t.bytes(BufferF.data, 'buffer data');
  if (inline !== null && inline.byteLength > 0) return inline;
  return externalBytes(r, t.uint64(BufferF.offset), t.uint64(BufferF.size), t.where, 'buffer data');
}

function indexList(t: Table, id: number, what: string, count: number): number[] {
  const list = t.int32s(id, what) ?? [];
  for (const i of list) {
    if (i < 0 || i >= count) {
      throw new ModelFormatError(`${t.where}: ${what} tensor index ${i} is out of range (${count} tensors)`);
    }
  }
  return list;
}

function readSubgraph(t: Table, s: number, codes: readonly OpCode[], buffers: readonly (Uint8Array | null)[]): SubgraphDesc {
  const tensors = t
    .tables(SubGraphF.tensors, 'tensors', (i) => `subgraph ${s}, tensor ${i}`)
    .map((tt) => readTensor(tt, buffers));
  const operators = t
    .tables(SubGraphF.operators, 'operators', (i) => `subgraph ${s}, operator ${i}`)
    .map((ot) => readOperator(ot, codes, tensors.length));
  return {
    name: t.string(SubGraphF.name, 'name') ?? '',
    tensors,
    inputs: indexList(t, SubGraphF.inputs, 'input', tensors.length),
    outputs: indexList(t, SubGraphF.outputs, 'output', tensors.length),
    operators,
  };
}

function readTensorMaps(t: Table, id: number, what: string, tensorCount: number): SignatureTensor[] {
  return t
    .tables(id, what, (i) => `${t.where}, ${what} ${i}`)
    .map((m) => {
      const tensorIndex = m.uint32(TensorMapF.tensorIndex, 0);
      if (tensorIndex >= tensorCount) {
        throw new ModelFormatError(`${m.where}: tensor_index ${tensorIndex} is out of range (${tensorCount} tensors)`);
      }
      return { name: m.string(TensorMapF.name, 'name') ?? '', tensorIndex };
    });
}

function readSignature(t: Table, subgraphs: readonly SubgraphDesc[]): SignatureDesc {
  const subgraphIndex = t.uint32(SignatureDefF.subgraphIndex, 0);
  const sg = subgraphs[subgraphIndex];
  if (sg === undefined) {
    throw new ModelFormatError(`${t.where}: subgraph_index ${subgraphIndex} is out of range (${subgraphs.length} subgraphs)`);
  }
  return {
    key: t.string(SignatureDefF.signatureKey, 'signature_key') ?? '',
    subgraphIndex,
    inputs: readTensorMaps(t, SignatureDefF.inputs, 'inputs', sg.tensors.length),
    outputs: readTensorMaps(t, SignatureDefF.outputs, 'outputs', sg.tensors.length),
  };
}

/** Metadata is kept by name and buffer index only; its contents are never interpreted. */
function readMetadata(t: Table, bufferCount: number): MetadataDesc {
  const buffer = t.uint32(MetadataF.buffer, 0);
  if (buffer >= bufferCount) {
    throw new ModelFormatError(`${t.where}: buffer index ${buffer} is out of range (${bufferCount} buffers)`);
  }
  return { name: t.string(MetadataF.name, 'name') ?? '', buffer };
}

/**
 * Parses a .tflite flatbuffer. The "TFL3" identifier is checked only if present (some tools omit it).
 * The returned description keeps views into `bytes`: do not mutate them afterwards.
 */
export function readModel(bytes: Uint8Array): ModelDesc {
  const r = new FlatReader(bytes);
  const model = r.root('model');
  const version = model.uint32(ModelF.version, 0);
  if (version !== SCHEMA_VERSION) {
    throw new UnsupportedError(`model: schema version ${version} is not supported (expected ${SCHEMA_VERSION})`);
  }
  const buffers = model.tables(ModelF.buffers, 'buffers', (i) => `buffer ${i}`).map((b) => readBuffer(b, r));
  const codes = model.tables(ModelF.operatorCodes, 'operator_codes', (i) => `operator code ${i}`).map(readOpCode);
  const subgraphTables = model.tables(ModelF.subgraphs, 'subgraphs', (i) => `subgraph ${i}`);
  if (subgraphTables.length === 0) throw new ModelFormatError('model: no subgraphs');
  const subgraphs = subgraphTables.map((t, s) => readSubgraph(t, s, codes, buffers));
  return {
    version,
    description: model.string(ModelF.description, 'description') ?? '',
    subgraphs,
    signatures: model
      .tables(ModelF.signatureDefs, 'signature_defs', (i) => `signature ${i}`)
      .map((t) => readSignature(t, subgraphs)),
    metadata: model.tables(ModelF.metadata, 'metadata', (i) => `metadata ${i}`).map((t) => readMetadata(t, buffers.length)),
  };
}
