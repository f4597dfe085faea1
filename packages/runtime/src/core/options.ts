/**
 * Operator options as plain readonly objects. The flatbuffer reader (schema/) produces them and the builder
 * consumes them; kernels only ever see these types, never flatbuffer tables. Field meanings and defaults
 * follow the public TFLite schema.
 */
import type { DType } from './dtype.js';
import type { StatefulOpsOptions } from './options_stateful.js';

export type * from './options_stateful.js';

export type Padding = 'SAME' | 'VALID';
export type FusedActivation = 'NONE' | 'RELU' | 'RELU_N1_TO_1' | 'RELU6' | 'TANH' | 'SIGN_BIT';

export interface Conv2DOptions {
  readonly kind: 'Conv2DOptions';
  readonly padding: Padding;
  readonly strideW: number;
  readonly strideH: number;
  readonly fusedActivation: FusedActivation;
  readonly dilationW: number;
  readonly dilationH: number;
}
export interface DepthwiseConv2DOptions {
  readonly kind: 'DepthwiseConv2DOptions';
  readonly padding: Padding;
  readonly strideW: number;
  readonly strideH: number;
  readonly depthMultiplier: number;
  readonly fusedActivation: FusedActivation;
  readonly dilationW: number;
  readonly dilationH: number;
}
export interface Pool2DOptions {
  readonly kind: 'Pool2DOptions';
  readonly padding: Padding;
  readonly strideW: number;
  readonly strideH: number;
  readonly filterWidth: number;
  readonly filterHeight: number;
  readonly fusedActivation: FusedActivation;
}
export interface FullyConnectedOptions {
  readonly kind: 'FullyConnectedOptions';
  readonly fusedActivation: FusedActivation;
  /** 'DEFAULT' or 'SHUFFLED4x16INT8' (the latter is not supported by this runtime). */
  readonly weightsFormat: 'DEFAULT' | 'SHUFFLED4x16INT8';
  readonly keepNumDims: boolean;
  readonly asymmetricQuantizeInputs: boolean;
}
export interface SoftmaxOptions {
  readonly kind: 'SoftmaxOptions';
  readonly beta: number;
}
export interface ConcatenationOptions {
  readonly kind: 'ConcatenationOptions';
  readonly axis: number;
  readonly fusedActivation: FusedActivation;
}
/** ADD, SUB, MUL and DIV share this shape (AddOptions, SubOptions, MulOptions, DivOptions). */
export interface ArithmeticOptions {
  readonly kind: 'AddOptions' | 'SubOptions' | 'MulOptions' | 'DivOptions';
  readonly fusedActivation: FusedActivation;
  /** int16 ADD/SUB: scales are powers of two (schema default true). */
  readonly potScaleInt16: boolean;
}
export interface ReshapeOptions {
  readonly kind: 'ReshapeOptions';
  readonly newShape: readonly number[] | null;
}
export interface SqueezeOptions {
  readonly kind: 'SqueezeOptions';
  readonly squeezeDims: readonly number[];
}
export interface StridedSliceOptions {
  readonly kind: 'StridedSliceOptions';
  readonly beginMask: number;
  readonly endMask: number;
  readonly ellipsisMask: number;
  readonly newAxisMask: number;
  readonly shrinkAxisMask: number;
  readonly offset: boolean;
}
export interface PackOptions {
  readonly kind: 'PackOptions';
  readonly valuesCount: number;
  readonly axis: number;
}
export interface UnpackOptions {
  readonly kind: 'UnpackOptions';
  readonly num: number;
  readonly axis: number;
}
export interface SplitOptions {
  readonly kind: 'SplitOptions' | 'SplitVOptions';
  readonly numSplits: number;
}
export interface GatherOptions {
  readonly kind: 'GatherOptions';
  readonly axis: number;
  readonly batchDims: number;
}
/** MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD. */
export interface ReducerOptions {
  readonly kind: 'ReducerOptions';
  readonly keepDims: boolean;
}
export interface ArgMaxOptions {
  readonly kind: 'ArgMaxOptions' | 'ArgMinOptions';
  readonly outputType: DType;
}
export interface BatchMatMulOptions {
  readonly kind: 'BatchMatMulOptions';
  readonly adjX: boolean;
  readonly adjY: boolean;
  readonly asymmetricQuantizeInputs: boolean;
}
export interface ResizeBilinearOptions {
  readonly kind: 'ResizeBilinearOptions';
  readonly alignCorners: boolean;
  readonly halfPixelCenters: boolean;
}
export interface ResizeNearestNeighborOptions {
  readonly kind: 'ResizeNearestNeighborOptions';
  readonly alignCorners: boolean;
  readonly halfPixelCenters: boolean;
}
export interface LeakyReluOptions {
  readonly kind: 'LeakyReluOptions';
  readonly alpha: number;
}
export interface CastOptions {
  readonly kind: 'CastOptions';
  readonly inDataType: DType | null;
  readonly outDataType: DType | null;
}
export interface ShapeOptions {
  readonly kind: 'ShapeOptions';
  readonly outType: DType;
}
export interface TransposeConvOptions {
  readonly kind: 'TransposeConvOptions';
  readonly padding: Padding;
  readonly strideW: number;
  readonly strideH: number;
  readonly fusedActivation: FusedActivation;
}
/** DEPTH_TO_SPACE and SPACE_TO_DEPTH: the spatial block edge. */
export interface BlockSizeOptions {
  readonly kind: 'DepthToSpaceOptions' | 'SpaceToDepthOptions';
  readonly blockSize: number;
}
export interface MirrorPadOptions {
  readonly kind: 'MirrorPadOptions';
  /** REFLECT leaves the border element out of the mirror; SYMMETRIC repeats it. */
  readonly mode: 'REFLECT' | 'SYMMETRIC';
}
export interface LocalResponseNormalizationOptions {
  readonly kind: 'LocalResponseNormalizationOptions';
  readonly radius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;
}
export interface GeluOptions {
  readonly kind: 'GeluOptions';
  /** The tanh approximation instead of the exact erf form. */
  readonly approximate: boolean;
}
export interface OneHotOptions {
  readonly kind: 'OneHotOptions';
  /** Where the new depth axis goes; −1 (the default) appends it. */
  readonly axis: number;
}
export interface CumsumOptions {
  readonly kind: 'CumsumOptions';
  readonly exclusive: boolean;
  readonly reverse: boolean;
}
export interface SparseToDenseOptions {
  readonly kind: 'SparseToDenseOptions';
  /** TFLite ignores it (indices are always bounds-checked here). */
  readonly validateIndices: boolean;
}
export interface ReverseSequenceOptions {
  readonly kind: 'ReverseSequenceOptions';
  readonly seqDim: number;
  readonly batchDim: number;
}
export interface FakeQuantOptions {
  readonly kind: 'FakeQuantOptions';
  readonly min: number;
  readonly max: number;
  readonly numBits: number;
  readonly narrowRange: boolean;
}
export interface BucketizeOptions {
  readonly kind: 'BucketizeOptions';
  /** Sorted bucket boundaries (float32). */
  readonly boundaries: readonly number[];
}
/** RANDOM_UNIFORM, RANDOM_STANDARD_NORMAL and MULTINOMIAL: the op's two int64 seeds (0, 0 = nondeterministic). */
export interface RandomOptions {
  readonly kind: 'RandomOptions';
  readonly seed: bigint;
  readonly seed2: bigint;
}
/** CONV_3D and CONV_3D_TRANSPOSE. */
export interface Conv3DOptions {
  readonly kind: 'Conv3DOptions';
  readonly padding: Padding;
  readonly strideD: number;
  readonly strideW: number;
  readonly strideH: number;
  readonly fusedActivation: FusedActivation;
  readonly dilationD: number;
  readonly dilationW: number;
  readonly dilationH: number;
}
export interface LshProjectionOptions {
  readonly kind: 'LSHProjectionOptions';
  readonly type: 'UNKNOWN' | 'SPARSE' | 'DENSE';
}
export interface SkipGramOptions {
  readonly kind: 'SkipGramOptions';
  readonly ngramSize: number;
  readonly maxSkipSize: number;
  readonly includeAllNgrams: boolean;
}
export interface EmbeddingLookupSparseOptions {
  readonly kind: 'EmbeddingLookupSparseOptions';
  readonly combiner: 'SUM' | 'MEAN' | 'SQRTN';
}
/** The deprecated REDUCE_WINDOW's reduction (BuiltinOptions2 ReduceWindowOptions). */
export interface ReduceWindowOptions {
  readonly kind: 'ReduceWindowOptions';
  readonly reduceFunction: 'UNSUPPORTED' | 'ADD' | 'MUL' | 'MINIMUM' | 'MAXIMUM' | 'ALL' | 'ANY';
}
/** Options tables with no fields this runtime reads (PadOptions, TransposeOptions, ExpandDimsOptions, ...). */
export interface EmptyOptions {
  readonly kind: 'EmptyOptions';
  /** The schema's table name, e.g. 'PadOptions'. */
  readonly table: string;
}

export type BuiltinOptions =
  | Conv2DOptions
  | DepthwiseConv2DOptions
  | Pool2DOptions
  | FullyConnectedOptions
  | SoftmaxOptions
  | ConcatenationOptions
  | ArithmeticOptions
  | ReshapeOptions
  | SqueezeOptions
  | StridedSliceOptions
  | PackOptions
  | UnpackOptions
  | SplitOptions
  | GatherOptions
  | ReducerOptions
  | ArgMaxOptions
  | BatchMatMulOptions
  | ResizeBilinearOptions
  | ResizeNearestNeighborOptions
  | LeakyReluOptions
  | CastOptions
  | ShapeOptions
  | TransposeConvOptions
  | BlockSizeOptions
  | MirrorPadOptions
  | LocalResponseNormalizationOptions
  | GeluOptions
  | OneHotOptions
  | CumsumOptions
  | SparseToDenseOptions
  | ReverseSequenceOptions
  | FakeQuantOptions
  | BucketizeOptions
  | RandomOptions
  | Conv3DOptions
  | LshProjectionOptions
  | SkipGramOptions
  | EmbeddingLookupSparseOptions
  | ReduceWindowOptions
  | StatefulOpsOptions
  | EmptyOptions;

export type OptionsKind = BuiltinOptions['kind'];
