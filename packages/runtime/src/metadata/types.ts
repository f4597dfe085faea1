/**
 * TFLite Model Metadata (tensorflow/tflite-support, metadata_schema.fbs, file identifier "M001") as plain
 * data: what a model says about itself — names, licence, how to normalise its input, what its outputs mean,
 * which labels and vocabularies come with it. Optional schema fields are optional here; enums are names.
 */

export type AssociatedFileType =
  | 'UNKNOWN'
  | 'DESCRIPTIONS'
  | 'TENSOR_AXIS_LABELS'
  | 'TENSOR_VALUE_LABELS'
  | 'TENSOR_AXIS_SCORE_CALIBRATION'
  | 'VOCABULARY'
  | 'SCANN_INDEX_FILE';

export interface AssociatedFile {
  /** The entry name in the zip archive appended to the model. */
  readonly name: string;
  readonly description?: string;
  readonly type: AssociatedFileType;
  /** e.g. 'en', 'fr-CA': a labels file per language, the first one being the default. */
  readonly locale?: string;
  readonly version?: string;
}

export type ColorSpace = 'UNKNOWN' | 'RGB' | 'GRAYSCALE';
export type BoundingBoxType = 'UNKNOWN' | 'BOUNDARIES' | 'UPPER_LEFT' | 'CENTER';
export type CoordinateType = 'RATIO' | 'PIXEL';

export type ContentProperties =
  | { readonly kind: 'feature' }
  | { readonly kind: 'image'; readonly colorSpace: ColorSpace; readonly defaultSize?: { readonly width: number; readonly height: number } }
  | {
      readonly kind: 'boundingBox';
      /** The order of the four values; empty means the type's default order. */
      readonly index: readonly number[];
      readonly type: BoundingBoxType;
      readonly coordinateType: CoordinateType;
    }
  | { readonly kind: 'audio'; readonly sampleRate: number; readonly channels: number };

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

export interface Content {
  readonly properties?: ContentProperties;
  /** Which dimensions the content spans (e.g. {2, 2} for the boxes of [1, N, 4]). */
  readonly range?: ValueRange;
}

export type ScoreTransformation = 'IDENTITY' | 'LOG' | 'INVERSE_LOGISTIC';

export type ProcessUnit =
  | { readonly kind: 'normalization'; readonly mean: readonly number[]; readonly std: readonly number[] }
  | { readonly kind: 'scoreCalibration'; readonly scoreTransformation: ScoreTransformation; readonly defaultScore: number }
  | { readonly kind: 'scoreThresholding'; readonly globalScoreThreshold: number }
  | { readonly kind: 'bertTokenizer'; readonly vocabFile: readonly AssociatedFile[] }
  | {
      readonly kind: 'sentencePieceTokenizer';
      readonly sentencePieceModel: readonly AssociatedFile[];
      readonly vocabFile: readonly AssociatedFile[];
    }
  | { readonly kind: 'regexTokenizer'; readonly delimRegexPattern: string; readonly vocabFile: readonly AssociatedFile[] }
  /** A process unit of a later schema version, kept by its union type code. */
  | { readonly kind: 'unknown'; readonly typeCode: number };

export interface Stats {
  readonly max: readonly number[];
  readonly min: readonly number[];
}

export interface TensorMetadata {
  readonly name?: string;
  readonly description?: string;
  readonly dimensionNames?: readonly string[];
  readonly content?: Content;
  readonly processUnits?: readonly ProcessUnit[];
  readonly stats?: Stats;
  readonly associatedFiles?: readonly AssociatedFile[];
}

export interface TensorGroup {
  readonly name?: string;
  readonly tensorNames: readonly string[];
}

export interface CustomMetadata {
  readonly name?: string;
  readonly data: Uint8Array;
}

export interface SubGraphMetadata {
  readonly name?: string;
  readonly description?: string;
  /** One per subgraph input, in the subgraph's input order. */
  readonly inputTensorMetadata?: readonly TensorMetadata[];
  /** One per subgraph output, in the subgraph's output order. */
  readonly outputTensorMetadata?: readonly TensorMetadata[];
  readonly associatedFiles?: readonly AssociatedFile[];
  readonly inputProcessUnits?: readonly ProcessUnit[];
  readonly outputProcessUnits?: readonly ProcessUnit[];
  readonly inputTensorGroups?: readonly TensorGroup[];
  readonly outputTensorGroups?: readonly TensorGroup[];
  readonly customMetadata?: readonly CustomMetadata[];
}

export interface ModelMetadata {
  readonly name?: string;
  readonly description?: string;
  readonly version?: string;
  /** The first is the main subgraph. */
  readonly subgraphMetadata?: readonly SubGraphMetadata[];
  readonly author?: string;
  readonly license?: string;
  readonly associatedFiles?: readonly AssociatedFile[];
  /** The oldest metadata parser that understands every field used (the writer computes it). */
  readonly minParserVersion?: string;
}
