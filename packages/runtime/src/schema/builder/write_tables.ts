/**
 * Writers for the schema's tables (Tensor, Operator, SubGraph, ...) on a flatbuffers Builder. Children are
 * written before their parents, as flatbuffers requires; field ids come from schema_fields.ts.
 */
import type { Builder } from 'flatbuffers';
import type { DimensionMetadata, QuantizationParams, SignatureDesc, SparsityParams, TensorDesc } from '../../core/model.js';
import type { BuiltinOptions } from '../../core/options.js';
import { int32Vector } from '../options/codec.js';
import { writeBuiltinOptions } from '../options/index.js';
import { codeOfDtype, INT4_CODE } from '../schema_enums.js';
import {
  BufferF,
  DimensionMetadataF,
  IndexVectorF,
  SPARSE_INDEX_TYPES,
  SparsityF,
  OperatorCodeF,
  OperatorF,
  QuantizationF,
  SignatureDefF,
  SubGraphF,
  TensorF,
  TensorMapF,
} from '../schema_fields.js';

/** TFLite stores large buffers 16-byte aligned (force_align: 16) so they can be viewed in place. */
export const DATA_ALIGNMENT = 16;

export function offsetVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

function float32Vector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

function int64Vector(b: Builder, values: readonly number[]): number {
  b.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) b.addInt64(BigInt(values[i]));
  return b.endVector();
}

/** A Buffer table: inline data (aligned), an external offset/size pair, or empty. */
export function writeBuffer(b: Builder, data: Uint8Array | null, external: { offset: number; size: number } | null): number {
  let vec = 0;
  if (data !== null && data.byteLength > 0 && external === null) {
    b.prep(DATA_ALIGNMENT, data.byteLength);
    vec = b.createByteVector(data);
  }
  b.startObject(BufferF.numFields);
  if (vec !== 0) b.addFieldOffset(BufferF.data, vec, 0);
  if (external !== null) {
    b.addFieldInt64(BufferF.offset, BigInt(external.offset), null);
    b.addFieldInt64(BufferF.size, BigInt(external.size), null);
  }
  return b.endObject();
}

function writeQuantization(b: Builder, q: QuantizationParams): number {
  const scale = float32Vector(b, q.scale);
  const zeroPoint = int64Vector(b, q.zeroPoint);
  b.startObject(QuantizationF.numFields);
  b.addFieldOffset(QuantizationF.scale, scale, 0);
  b.addFieldOffset(QuantizationF.zeroPoint, zeroPoint, 0);
  b.addFieldInt32(QuantizationF.quantizedDimension, q.quantizedDimension, 0);
  return b.endObject();
}

/** One SparseIndexVector union value: its type id and table. */
function writeIndexVector(b: Builder, values: Int32Array | Uint16Array | Uint8Array): { type: number; offset: number } {
  let vec: number;
  let type: number;
  if (values instanceof Int32Array) {
    vec = int32Vector(b, [...values]);
    type = SPARSE_INDEX_TYPES.int32;
  } else if (values instanceof Uint16Array) {
    b.startVector(2, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addInt16(values[i]!);
    vec = b.endVector();
    type = SPARSE_INDEX_TYPES.uint16;
  } else {
    b.startVector(1, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addInt8(values[i]!);
    vec = b.endVector();
    type = SPARSE_INDEX_TYPES.uint8;
  }
  b.startObject(IndexVectorF.numFields);
  b.addFieldOffset(IndexVectorF.values, vec, 0);
  return { type, offset: b.endObject() };
}

function writeDimension(b: Builder, d: DimensionMetadata): number {
  if (d.format === 'DENSE') {
    b.startObject(DimensionMetadataF.numFields);
    b.addFieldInt32(DimensionMetadataF.denseSize, d.denseSize, null);
    return b.endObject();
  }
  const segments = writeIndexVector(b, d.arraySegments);
  const indices = writeIndexVector(b, d.arrayIndices);
  b.startObject(DimensionMetadataF.numFields);
  b.addFieldInt8(DimensionMetadataF.format, 1, 0);
  b.addFieldInt8(DimensionMetadataF.arraySegmentsType, segments.type, 0);
  b.addFieldOffset(DimensionMetadataF.arraySegments, segments.offset, 0);
  b.addFieldInt8(DimensionMetadataF.arrayIndicesType, indices.type, 0);
  b.addFieldOffset(DimensionMetadataF.arrayIndices, indices.offset, 0);
  return b.endObject();
}

function writeSparsity(b: Builder, s: SparsityParams): number {
  const order = int32Vector(b, s.traversalOrder);
  const blockMap = s.blockMap.length > 0 ? int32Vector(b, s.blockMap) : 0;
  const dims = offsetVector(b, s.dimMetadata.map((d) => writeDimension(b, d)));
  b.startObject(SparsityF.numFields);
  b.addFieldOffset(SparsityF.traversalOrder, order, 0);
  if (blockMap !== 0) b.addFieldOffset(SparsityF.blockMap, blockMap, 0);
  b.addFieldOffset(SparsityF.dimMetadata, dims, 0);
  return b.endObject();
}

export function writeTensor(b: Builder, t: TensorDesc, buffer: number): number {
  const shape = int32Vector(b, t.shape);
  const name = b.createString(t.name);
  const quant = t.quantization === null ? 0 : writeQuantization(b, t.quantization);
  const signature = t.shapeSignature === null ? 0 : int32Vector(b, t.shapeSignature);
  const sparsity = t.sparsity ? writeSparsity(b, t.sparsity) : 0;
  b.startObject(TensorF.numFields);
  b.addFieldOffset(TensorF.shape, shape, 0);
  b.addFieldInt8(TensorF.type, t.packedInt4 ? INT4_CODE : codeOfDtype(t.dtype), 0);
  b.addFieldInt32(TensorF.buffer, buffer, 0);
  b.addFieldOffset(TensorF.name, name, 0);
  if (quant !== 0) b.addFieldOffset(TensorF.quantization, quant, 0);
  b.addFieldInt8(TensorF.isVariable, t.isVariable ? 1 : 0, 0);
  if (sparsity !== 0) b.addFieldOffset(TensorF.sparsity, sparsity, 0);
  if (signature !== 0) b.addFieldOffset(TensorF.shapeSignature, signature, 0);
  return b.endObject();
}

export interface OperatorCodeSpec {
  readonly opcode: number;
  readonly version: number;
  readonly customCode: string | null;
}

/** Writes both code fields: the int8 one saturates at 127 (PLACEHOLDER_FOR_GREATER_OP_CODES), as TFLite does. */
export function writeOperatorCode(b: Builder, c: OperatorCodeSpec): number {
  const custom = c.customCode === null ? 0 : b.createString(c.customCode);
  b.startObject(OperatorCodeF.numFields);
  b.addFieldInt8(OperatorCodeF.deprecatedBuiltinCode, Math.min(c.opcode, 127), 0);
  if (custom !== 0) b.addFieldOffset(OperatorCodeF.customCode, custom, 0);
  b.addFieldInt32(OperatorCodeF.version, c.version, null);
  b.addFieldInt32(OperatorCodeF.builtinCode, c.opcode, 0);
  return b.endObject();
}

export interface OperatorSpec {
  readonly opcodeIndex: number;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly intermediates: readonly number[];
  readonly options: BuiltinOptions | null;
  readonly customOptions: Uint8Array | null;
}

export function writeOperator(b: Builder, op: OperatorSpec): number {
  const inputs = int32Vector(b, op.inputs);
  const outputs = int32Vector(b, op.outputs);
  const intermediates = op.intermediates.length > 0 ? int32Vector(b, op.intermediates) : 0;
  const options = op.options === null ? null : writeBuiltinOptions(b, op.options);
  const custom = op.customOptions === null ? 0 : b.createByteVector(op.customOptions);
  b.startObject(OperatorF.numFields);
  b.addFieldInt32(OperatorF.opcodeIndex, op.opcodeIndex, 0);
  b.addFieldOffset(OperatorF.inputs, inputs, 0);
  b.addFieldOffset(OperatorF.outputs, outputs, 0);
  if (options !== null) {
    b.addFieldInt8(options.union === 1 ? OperatorF.builtinOptionsType : OperatorF.builtinOptions2Type, options.type, 0);
    b.addFieldOffset(options.union === 1 ? OperatorF.builtinOptions : OperatorF.builtinOptions2, options.offset, 0);
  }
  if (custom !== 0) b.addFieldOffset(OperatorF.customOptions, custom, 0);
  if (intermediates !== 0) b.addFieldOffset(OperatorF.intermediates, intermediates, 0);
  return b.endObject();
}

export function writeSubgraph(
  b: Builder,
  parts: { tensors: number[]; inputs: readonly number[]; outputs: readonly number[]; operators: number[]; name: string },
): number {
  const tensors = offsetVector(b, parts.tensors);
  const inputs = int32Vector(b, parts.inputs);
  const outputs = int32Vector(b, parts.outputs);
  const operators = offsetVector(b, parts.operators);
  const name = b.createString(parts.name);
  b.startObject(SubGraphF.numFields);
  b.addFieldOffset(SubGraphF.tensors, tensors, 0);
  b.addFieldOffset(SubGraphF.inputs, inputs, 0);
  b.addFieldOffset(SubGraphF.outputs, outputs, 0);
  b.addFieldOffset(SubGraphF.operators, operators, 0);
  b.addFieldOffset(SubGraphF.name, name, 0);
  return b.endObject();
}

function writeTensorMaps(b: Builder, maps: SignatureDesc['inputs']): number {
  const tables = maps.map((m) => {
    const name = b.createString(m.name);
    b.startObject(TensorMapF.numFields);
    b.addFieldOffset(TensorMapF.name, name, 0);
    b.addFieldInt32(TensorMapF.tensorIndex, m.tensorIndex, 0);
    return b.endObject();
  });
  return offsetVector(b, tables);
}

export function writeSignature(b: Builder, s: SignatureDesc): number {
  const inputs = writeTensorMaps(b, s.inputs);
  const outputs = writeTensorMaps(b, s.outputs);
  const key = b.createString(s.key);
  b.startObject(SignatureDefF.numFields);
  b.addFieldOffset(SignatureDefF.inputs, inputs, 0);
  b.addFieldOffset(SignatureDefF.outputs, outputs, 0);
  b.addFieldOffset(SignatureDefF.signatureKey, key, 0);
  b.addFieldInt32(SignatureDefF.subgraphIndex, s.subgraphIndex, 0);
  return b.endObject();
}
