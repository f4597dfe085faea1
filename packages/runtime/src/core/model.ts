/**
 * The runtime's own description of a .tflite model. The flatbuffer reader (schema/read_model.ts) produces it,
 * the builder (schema/build_model.ts) serializes it, and nothing past the reader touches flatbuffer offsets.
 */
import type { DType } from './dtype.js';
import type { BuiltinOptions } from './options.js';

export interface QuantizationParams {
  /** One scale per tensor (per-tensor) or per channel along `quantizedDimension`. */
  readonly scale: readonly number[];
  readonly zeroPoint: readonly number[];
  readonly quantizedDimension: number;
}

/** How one dimension (in traversal order) of a sparse tensor is stored. */
export type DimensionMetadata =
  | { readonly format: 'DENSE'; readonly denseSize: number }
  | {
      readonly format: 'SPARSE_CSR';
      /** Where each element of the previous level's index range starts in `arrayIndices` (CSR row pointers). */
      readonly arraySegments: Int32Array | Uint16Array | Uint8Array;
      /** Coordinates of the stored entries in this dimension (CSR column indices). */
      readonly arrayIndices: Int32Array | Uint16Array | Uint8Array;
    };

/** The schema's SparsityParameters: the tensor's data holds only the stored values, in traversal order. */
export interface SparsityParams {
  /** A permutation of the n dense dimensions, then of the k block dimensions (n … n+k−1). */
  readonly traversalOrder: readonly number[];
  /** For each block dimension, the dense dimension it subdivides. */
  readonly blockMap: readonly number[];
  /** One entry per level of `traversalOrder`. */
  readonly dimMetadata: readonly DimensionMetadata[];
}

export interface TensorDesc {
  readonly name: string;
  readonly dtype: DType;
  /** Static shape; dimensions that are dynamic in `shapeSignature` hold 1 (or the converter's value) here. */
  readonly shape: readonly number[];
  /** The schema's shape_signature: -1 marks a dynamic dimension. Null when the file has none. */
  readonly shapeSignature: readonly number[] | null;
  /** Index into the model's buffers (0 means "no data"). */
  readonly buffer: number;
  /** Constant contents: a view into the model bytes, never a copy. Null for activations and inputs. */
  readonly data: Uint8Array | null;
  /** Null when the tensor has no (or empty) quantization parameters. */
  readonly quantization: QuantizationParams | null;
  readonly isVariable: boolean;
  /** Set for sparse constants: `data` then holds only the stored values (densified when the model loads). */
  readonly sparsity?: SparsityParams | null;
  /**
   * True when the file stores this tensor as INT4: `dtype` is int8 (what kernels see) and `data` holds the
   * file's packed bytes, two values per byte, low nibble first (unpacked when the model loads).
   */
  readonly packedInt4?: boolean;
}

export interface OperatorDesc {
  /** BuiltinOp code, resolved from builtin_code / deprecated_builtin_code. */
  readonly opcode: number;
  readonly version: number;
  /** Set when opcode is CUSTOM. */
  readonly customCode: string | null;
  /** Tensor indices; -1 marks an omitted optional input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly intermediates: readonly number[];
  readonly options: BuiltinOptions | null;
  readonly customOptions: Uint8Array | null;
}

export interface SubgraphDesc {
  readonly name: string;
  readonly tensors: readonly TensorDesc[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly operators: readonly OperatorDesc[];
}

export interface SignatureTensor {
  readonly name: string;
  readonly tensorIndex: number;
}

export interface SignatureDesc {
  readonly key: string;
  readonly subgraphIndex: number;
  readonly inputs: readonly SignatureTensor[];
  readonly outputs: readonly SignatureTensor[];
}

export interface MetadataDesc {
  readonly name: string;
  readonly buffer: number;
}

export interface ModelDesc {
  readonly version: number;
  readonly description: string;
  readonly subgraphs: readonly SubgraphDesc[];
  readonly signatures: readonly SignatureDesc[];
  readonly metadata: readonly MetadataDesc[];
}
