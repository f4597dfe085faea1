/**
 * Field ids (vtable slots) and enum values of metadata_schema.fbs, shared by the reader and the writer so
 * they agree by construction. A union takes two slots: its type (id) and its value (id + 1).
 */
import type { AssociatedFileType, BoundingBoxType, ColorSpace, CoordinateType, ScoreTransformation } from './types.js';

/** The name of the model's metadata entry whose buffer holds the metadata flatbuffer. */
export const METADATA_BUFFER_NAME = 'TFLITE_METADATA';
/** The metadata flatbuffer's file identifier. */
export const METADATA_IDENTIFIER = 'M001';

export const ModelMetadataF = {
  name: 0, description: 1, version: 2, subgraphMetadata: 3, author: 4, license: 5, associatedFiles: 6, minParserVersion: 7,
  numFields: 8,
} as const;

export const SubGraphMetadataF = {
  name: 0, description: 1, inputTensorMetadata: 2, outputTensorMetadata: 3, associatedFiles: 4, inputProcessUnits: 5,
  outputProcessUnits: 6, inputTensorGroups: 7, outputTensorGroups: 8, customMetadata: 9, numFields: 10,
} as const;

export const TensorMetadataF = {
  name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4, stats: 5, associatedFiles: 6, numFields: 7,
} as const;

export const AssociatedFileF = { name: 0, description: 1, type: 2, locale: 3, version: 4, numFields: 5 } as const;
export const ContentF = { propertiesType: 0, properties: 1, range: 2, numFields: 3 } as const;
export const ImagePropertiesF = { colorSpace: 0, defaultSize: 1, numFields: 2 } as const;
export const ImageSizeF = { width: 0, height: 1, numFields: 2 } as const;
export const BoundingBoxPropertiesF = { index: 0, type: 1, coordinateType: 2, numFields: 3 } as const;
export const AudioPropertiesF = { sampleRate: 0, channels: 1, numFields: 2 } as const;
export const ValueRangeF = { min: 0, max: 1, numFields: 2 } as const;
export const ProcessUnitF = { optionsType: 0, options: 1, numFields: 2 } as const;
export const NormalizationOptionsF = { mean: 0, std: 1, numFields: 2 } as const;
export const ScoreCalibrationOptionsF = { scoreTransformation: 0, defaultScore: 1, numFields: 2 } as const;
export const ScoreThresholdingOptionsF = { globalScoreThreshold: 0, numFields: 1 } as const;
export const BertTokenizerOptionsF = { vocabFile: 0, numFields: 1 } as const;
export const SentencePieceTokenizerOptionsF = { sentencePieceModel: 0, vocabFile: 1, numFields: 2 } as const;
export const RegexTokenizerOptionsF = { delimRegexPattern: 0, vocabFile: 1, numFields: 2 } as const;
export const StatsF = { max: 0, min: 1, numFields: 2 } as const;
export const TensorGroupF = { name: 0, tensorNames: 1, numFields: 2 } as const;
export const CustomMetadataF = { name: 0, data: 1, numFields: 2 } as const;

/** union ContentProperties (0 is NONE). */
export const ContentPropertiesType = { feature: 1, image: 2, boundingBox: 3, audio: 4 } as const;

/** union ProcessUnitOptions (0 is NONE). */
export const ProcessUnitType = {
  normalization: 1,
  scoreCalibration: 2,
  scoreThresholding: 3,
  bertTokenizer: 4,
  sentencePieceTokenizer: 5,
  regexTokenizer: 6,
} as const;

export const ASSOCIATED_FILE_TYPES: readonly AssociatedFileType[] = [
  'UNKNOWN', 'DESCRIPTIONS', 'TENSOR_AXIS_LABELS', 'TENSOR_VALUE_LABELS', 'TENSOR_AXIS_SCORE_CALIBRATION', 'VOCABULARY',
  'SCANN_INDEX_FILE',
];
export const COLOR_SPACES: readonly ColorSpace[] = ['UNKNOWN', 'RGB', 'GRAYSCALE'];
export const BOUNDING_BOX_TYPES: readonly BoundingBoxType[] = ['UNKNOWN', 'BOUNDARIES', 'UPPER_LEFT', 'CENTER'];
export const COORDINATE_TYPES: readonly CoordinateType[] = ['RATIO', 'PIXEL'];
export const SCORE_TRANSFORMATIONS: readonly ScoreTransformation[] = ['IDENTITY', 'LOG', 'INVERSE_LOGISTIC'];
