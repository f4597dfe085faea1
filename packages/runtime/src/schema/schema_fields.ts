/**
 * Field ids (vtable slots) of the TFLite schema tables this runtime reads and writes, from the public
 * schema.fbs. A union takes two slots: its type (id) and its value (id + 1). Shared by the reader and builder
 * so that both agree by construction.
 */
export const ModelF = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
  numFields: 8,
} as const;

export const SubGraphF = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4, numFields: 5 } as const;

export const TensorF = {
  shape: 0,
  type: 1,
  buffer: 2,
  name: 3,
  quantization: 4,
  isVariable: 5,
  sparsity: 6,
  shapeSignature: 7,
  hasRank: 8,
  numFields: 9,
} as const;

export const QuantizationF = {
  min: 0,
  max: 1,
  scale: 2,
  zeroPoint: 3,
  detailsType: 4,
  details: 5,
  quantizedDimension: 6,
  numFields: 7,
} as const;

export const SparsityF = { traversalOrder: 0, blockMap: 1, dimMetadata: 2, numFields: 3 } as const;

/** A SparseIndexVector union takes two slots each: type then value. */
export const DimensionMetadataF = {
  format: 0,
  denseSize: 1,
  arraySegmentsType: 2,
  arraySegments: 3,
  arrayIndicesType: 4,
  arrayIndices: 5,
  numFields: 6,
} as const;

/** Int32Vector, Uint16Vector and Uint8Vector all keep their values in field 0. */
export const IndexVectorF = { values: 0, numFields: 1 } as const;

/** SparseIndexVector union members (type ids; 0 is NONE). */
export const SPARSE_INDEX_TYPES = { int32: 1, uint16: 2, uint8: 3 } as const;

export const OperatorCodeF = { deprecatedBuiltinCode: 0, customCode: 1, version: 2, builtinCode: 3, numFields: 4 } as const;

export const OperatorF = {
  opcodeIndex: 0,
  inputs: 1,
  outputs: 2,
  builtinOptionsType: 3,
  builtinOptions: 4,
  customOptions: 5,
  customOptionsFormat: 6,
  mutatingVariableInputs: 7,
  intermediates: 8,
  largeCustomOptionsOffset: 9,
  largeCustomOptionsSize: 10,
  builtinOptions2Type: 11,
  builtinOptions2: 12,
  numFields: 13,
} as const;

export const BufferF = { data: 0, offset: 1, size: 2, numFields: 3 } as const;

export const MetadataF = { name: 0, buffer: 1, numFields: 2 } as const;

export const TensorMapF = { name: 0, tensorIndex: 1, numFields: 2 } as const;

/** Slot 3 is the deprecated `deprecated_tag`, which still occupies its id. */
export const SignatureDefF = { inputs: 0, outputs: 1, signatureKey: 2, subgraphIndex: 4, numFields: 5 } as const;

/** The schema version this runtime reads and writes (file identifier "TFL3"). */
export const SCHEMA_VERSION = 3;
export const FILE_IDENTIFIER = 'TFL3';
