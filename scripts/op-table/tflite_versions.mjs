// The operator versions TFLite's BuiltinOpResolver registers (tensorflow/lite/core/kernels/register.cc,
// 2025: AddBuiltin(op, kernel, min_version, max_version); no range means version 1 only). Transcribed facts,
// used by the operator table; StableHLO operators are left out (out of scope for this runtime).
export const TFLITE_VERSIONS = {
  ABS: [1, 5], HARD_SWISH: [1, 1], RELU: [1, 3], RELU_N1_TO_1: [1, 1], RELU_0_TO_1: [1, 1], RELU6: [1, 3],
  TANH: [1, 3], LOGISTIC: [1, 3], AVERAGE_POOL_2D: [1, 3], MAX_POOL_2D: [1, 3], L2_POOL_2D: [1, 1],
  CONV_2D: [1, 8], DEPTHWISE_CONV_2D: [1, 7], SVDF: [1, 4], RNN: [1, 3], BIDIRECTIONAL_SEQUENCE_RNN: [1, 3],
  UNIDIRECTIONAL_SEQUENCE_RNN: [1, 3], EMBEDDING_LOOKUP: [1, 4], EMBEDDING_LOOKUP_SPARSE: [1, 1],
  FULLY_CONNECTED: [1, 13], LSH_PROJECTION: [1, 1], HASHTABLE_LOOKUP: [1, 1], SOFTMAX: [1, 3],
  CONCATENATION: [1, 4], ADD: [1, 5], SPACE_TO_BATCH_ND: [1, 4], BATCH_TO_SPACE_ND: [1, 4], MUL: [1, 7],
  L2_NORMALIZATION: [1, 2], LOCAL_RESPONSE_NORMALIZATION: [1, 1], LSTM: [1, 4], BIDIRECTIONAL_SEQUENCE_LSTM: [1, 3],
  UNIDIRECTIONAL_SEQUENCE_LSTM: [1, 4], PAD: [1, 5], PADV2: [1, 5], RESHAPE: [1, 1], RESIZE_BILINEAR: [1, 4],
  RESIZE_NEAREST_NEIGHBOR: [1, 4], SKIP_GRAM: [1, 1], SPACE_TO_DEPTH: [1, 2], DEPTH_TO_SPACE: [1, 2],
  GATHER: [1, 7], TRANSPOSE: [1, 7], MEAN: [1, 3], DIV: [1, 2], SUB: [1, 5], SPLIT: [1, 4], SPLIT_V: [1, 2],
  SQUEEZE: [1, 2], STRIDED_SLICE: [1, 8], EXP: [1, 2], TOPK_V2: [1, 3], LOG: [1, 2], LOG_SOFTMAX: [1, 2],
  CAST: [1, 7], DEQUANTIZE: [1, 6], PRELU: [1, 1], MAXIMUM: [1, 4], MINIMUM: [1, 4], ARG_MAX: [1, 3],
  ARG_MIN: [1, 3], GREATER: [1, 2], GREATER_EQUAL: [1, 3], LESS: [1, 3], LESS_EQUAL: [1, 2], FLOOR: [1, 1],
  CEIL: [1, 1], ROUND: [1, 1], NEG: [1, 1], SELECT: [1, 4], SELECT_V2: [1, 2], SLICE: [1, 6], SIN: [1, 1],
  COS: [1, 1], TRANSPOSE_CONV: [1, 5], TILE: [1, 3], SUM: [1, 2], REDUCE_PROD: [1, 2], REDUCE_MAX: [1, 3],
  REDUCE_MIN: [1, 3], REDUCE_ANY: [1, 1], REDUCE_ALL: [1, 1], EXPAND_DIMS: [1, 1], SPARSE_TO_DENSE: [1, 3],
  EQUAL: [1, 5], NOT_EQUAL: [1, 4], SQRT: [1, 2], RSQRT: [1, 3], SHAPE: [1, 1], RANK: [1, 1], POW: [1, 1],
  FAKE_QUANT: [1, 2], PACK: [1, 4], ONE_HOT: [1, 1], LOGICAL_OR: [1, 1], LOGICAL_AND: [1, 1], LOGICAL_NOT: [1, 1],
  UNPACK: [1, 4], FLOOR_DIV: [1, 3], SQUARE: [1, 1], ZEROS_LIKE: [1, 1], FLOOR_MOD: [1, 2], RANGE: [1, 2],
  LEAKY_RELU: [1, 2], SQUARED_DIFFERENCE: [1, 2], FILL: [1, 4], MIRROR_PAD: [1, 3], UNIQUE: [1, 1],
  REVERSE_V2: [1, 3], ADD_N: [1, 1], GATHER_ND: [1, 5], WHERE: [1, 2], ELU: [1, 1], REVERSE_SEQUENCE: [1, 1],
  MATRIX_DIAG: [1, 1], QUANTIZE: [1, 4], MATRIX_SET_DIAG: [1, 1], IF: [1, 1], WHILE: [1, 1],
  NON_MAX_SUPPRESSION_V4: [1, 1], NON_MAX_SUPPRESSION_V5: [1, 1], SCATTER_ND: [1, 1], DENSIFY: [1, 1],
  SEGMENT_SUM: [1, 1], BATCH_MATMUL: [1, 4], CUMSUM: [1, 1], BROADCAST_TO: [2, 3], CALL_ONCE: [1, 1],
  RFFT2D: [1, 1], CONV_3D: [1, 1], IMAG: [1, 1], REAL: [1, 1], COMPLEX_ABS: [1, 1], BROADCAST_ARGS: [1, 1],
  HASHTABLE: [1, 1], HASHTABLE_FIND: [1, 1], HASHTABLE_IMPORT: [1, 1], HASHTABLE_SIZE: [1, 1],
  CONV_3D_TRANSPOSE: [1, 1], VAR_HANDLE: [1, 1], READ_VARIABLE: [1, 1], ASSIGN_VARIABLE: [1, 1],
  MULTINOMIAL: [1, 1], RANDOM_STANDARD_NORMAL: [1, 1], BUCKETIZE: [1, 1], RANDOM_UNIFORM: [1, 1], GELU: [1, 2],
  DYNAMIC_UPDATE_SLICE: [1, 4], UNSORTED_SEGMENT_PROD: [1, 1], UNSORTED_SEGMENT_MAX: [1, 1],
  UNSORTED_SEGMENT_MIN: [1, 1], UNSORTED_SEGMENT_SUM: [1, 1], ATAN2: [1, 1], SIGN: [1, 2], BITCAST: [1, 1],
  BITWISE_XOR: [1, 1], RIGHT_SHIFT: [1, 1], DILATE: [1, 1], REDUCE_WINDOW: [1, 1],
};

/** Builtins in the schema that TFLite's builtin resolver gives no kernel (checked in register.cc). */
export const NO_TFLITE_KERNEL = ['CONCAT_EMBEDDINGS', 'CALL', 'DELEGATE', 'PLACEHOLDER_FOR_GREATER_OP_CODES', 'COMPLEX'];

/** Builtins assigned to the `ops-state` branch that it has not implemented yet (resource hash tables). */
export const OPS_STATE_BRANCH = ['HASHTABLE', 'HASHTABLE_FIND', 'HASHTABLE_IMPORT', 'HASHTABLE_SIZE'];
