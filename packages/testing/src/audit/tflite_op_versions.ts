/**
 * What TFLite's builtin op resolver registers, op by op and version by version, for the ops this runtime
 * implements: the tensor types each version adds (tensorflow/lite/tools/versioning/op_version.cc, which
 * assigns the version from the types; core/kernels/register.cc for the versions registered) together with
 * the types the version-1 kernels already took (each kernel's Eval). One row per type signature.
 *
 * Rows with the newer tensor types (int4 weights — unpacked to int8 at load, so their kernels see int8 —,
 * complex64, uint32, string) are part of the table; NOT_RUN lists rows this runtime does not run, with the
 * reason (none today). Two weight formats are outside any row, as a node's types cannot show them: sparse
 * weights (densified at load) and FULLY_CONNECTED's shuffled 4x16 int8 weights (an ARM-only layout, refused
 * by its kernels).
 *
 * Tensor codes: f32 f16 i32 i64 b (bool) c64 (complex64) u32 (uint32) str (string) res (resource handle);
 * u8 / i8 / i16 / i4 quantized per tensor; i8c / i4c int8 / int4 weights quantized per output channel; a trailing ! marks a
 * constant (weights, axes, shapes).
 */
import type { BuiltinOptions } from '@tflite-lambda/runtime/internal';

export interface AuditRow {
  readonly op: string;
  readonly version: number;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** What the row is (the version's addition, or the kernel's type). */
  readonly what: string;
  /** The node's options where they choose the kernel (LSTM's kernel type); none otherwise. */
  readonly options?: BuiltinOptions;
}

function rows(op: string, list: readonly [number, string[], string[], string][]): AuditRow[] {
  return list.map(([version, inputs, outputs, what]) => ({ op, version, inputs, outputs, what }));
}

/** An element-wise unary op over each of `types`, introduced at the given versions. */
function unary(op: string, types: readonly [number, string][]): AuditRow[] {
  return types.map(([version, t]) => ({ op, version, inputs: [t], outputs: [t], what: t }));
}

/** A binary element-wise op with output type `out` (the inputs' type when absent). */
function binary(op: string, types: readonly [number, string, string?][]): AuditRow[] {
  return types.map(([version, t, out]) => ({ op, version, inputs: [t, t], outputs: [out ?? t], what: t }));
}

/** A reduction over constant int32 axes. */
function reduce(op: string, types: readonly [number, string][]): AuditRow[] {
  return types.map(([version, t]) => ({ op, version, inputs: [t, 'i32!'], outputs: [t], what: t }));
}

/** A layout op whose extra inputs are constant int32 parameters. */
function layout(op: string, params: number, types: readonly [number, string][], paramsFirst = false): AuditRow[] {
  const extra = Array.from({ length: params }, () => 'i32!');
  return types.map(([version, t]) => ({ op, version, inputs: paramsFirst ? [...extra, t] : [t, ...extra], outputs: [t], what: t }));
}

const WEIGHTED: AuditRow[] = [
  ...rows('CONV_2D', [
    [1, ['f32', 'f32!', 'f32!'], ['f32'], 'float32'],
    [1, ['u8', 'u8!', 'i32!'], ['u8'], 'uint8, per-tensor weights with a zero point'],
    [2, ['f32', 'i8!', 'f32!'], ['f32'], 'hybrid, per-tensor weights'],
    [3, ['i8', 'i8c!', 'i32!'], ['i8'], 'int8, per-channel weights'],
    [4, ['i16', 'i8c!', 'i64!'], ['i16'], 'int16 activations, int8 weights'],
    [5, ['f32', 'i8c!', 'f32!'], ['f32'], 'hybrid, per-channel weights'],
    [6, ['f32', 'f32!', 'f32!'], ['f32'], 'grouped convolution'],
    [8, ['i16', 'i8c!', 'i32!'], ['i16'], 'int16x8 with int32 bias'],
  ]),
  ...rows('DEPTHWISE_CONV_2D', [
    [1, ['f32', 'f32!', 'f32!'], ['f32'], 'float32'],
    [1, ['u8', 'u8!', 'i32!'], ['u8'], 'uint8'],
    [2, ['f32', 'f32!', 'f32!'], ['f32'], 'dilation'],
    [3, ['i8', 'i8c!', 'i32!'], ['i8'], 'int8, per-channel weights'],
    [5, ['i16', 'i8c!', 'i64!'], ['i16'], 'int16 activations, int8 weights'],
    [6, ['f32', 'i8c!', 'f32!'], ['f32'], 'hybrid, per-channel weights'],
  ]),
  ...rows('FULLY_CONNECTED', [
    [1, ['f32', 'f32!', 'f32!'], ['f32'], 'float32'],
    [1, ['u8', 'u8!', 'i32!'], ['u8'], 'uint8'],
    [3, ['f32', 'i8!', 'f32!'], ['f32'], 'hybrid'],
    [4, ['i8', 'i8!', 'i32!'], ['i8'], 'int8'],
    [5, ['i8', 'i8!', 'i32!'], ['i8'], 'keep_num_dims'],
    [6, ['f32', 'f32!'], ['f32'], 'no bias'],
    [7, ['i16', 'i8!', 'i64!'], ['i16'], 'int16 activations'],
    [9, ['f32', 'i8!', 'f32!'], ['f32'], 'hybrid, asymmetric inputs'],
    [11, ['i16', 'i8!', 'i32!'], ['i16'], 'int16x8 with int32 bias'],
    [12, ['f32', 'i8c!', 'f32!'], ['f32'], 'hybrid, per-channel weights'],
  ]),
  ...rows('TRANSPOSE_CONV', [
    [1, ['i32!', 'f32!', 'f32'], ['f32'], 'float32'],
    [2, ['i32!', 'i8c!', 'i8'], ['i8'], 'int8'],
    [2, ['i32!', 'u8!', 'u8'], ['u8'], 'uint8'],
    [2, ['i32!', 'i8c!', 'f32'], ['f32'], 'hybrid'],
    [3, ['i32!', 'i8c!', 'i8', 'i32!'], ['i8'], 'bias'],
    [3, ['i32!', 'i8c!', 'i16', 'i64!'], ['i16'], 'int16 activations'],
    [4, ['i32!', 'f32!', 'f32', 'f32!'], ['f32'], 'fused activation'],
  ]),
  ...rows('BATCH_MATMUL', [
    [1, ['f32', 'f32'], ['f32'], 'float32'],
    [2, ['i8', 'i8'], ['i8'], 'int8'],
    [3, ['i16', 'i16'], ['i16'], 'int16'],
    [4, ['f32', 'i8!'], ['f32'], 'hybrid, asymmetric inputs'],
  ]),
];

const ACTIVATIONS: AuditRow[] = [
  ...unary('RELU', [[1, 'f32'], [2, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('RELU6', [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('RELU_N1_TO_1', [[1, 'f32'], [1, 'u8'], [1, 'i8']]),
  ...unary('LOGISTIC', [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('TANH', [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('HARD_SWISH', [[1, 'f32'], [1, 'u8'], [1, 'i8']]),
  ...unary('ELU', [[1, 'f32'], [1, 'i8']]),
  ...unary('GELU', [[1, 'f32'], [2, 'u8'], [2, 'i8']]),
  ...rows('LEAKY_RELU', [[1, ['f32'], ['f32'], 'float32'], [1, ['u8'], ['u8'], 'uint8'], [1, ['i8'], ['i8'], 'int8'], [2, ['i16'], ['i16'], 'int16']]),
  ...rows('PRELU', [[1, ['f32', 'f32!'], ['f32'], 'float32'], [1, ['u8', 'u8!'], ['u8'], 'uint8'], [1, ['i8', 'i8!'], ['i8'], 'int8']]),
  ...unary('SOFTMAX', [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('LOG_SOFTMAX', [[1, 'f32'], [1, 'u8'], [2, 'i8']]),
  ...unary('L2_NORMALIZATION', [[1, 'f32'], [1, 'u8'], [2, 'i8']]),
  ...unary('LOCAL_RESPONSE_NORMALIZATION', [[1, 'f32']]),
];

const ARITHMETIC: AuditRow[] = [
  ...binary('ADD', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [2, 'i8'], [3, 'i16'], [4, 'i64']]),
  ...binary('SUB', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [2, 'i8'], [4, 'i64'], [5, 'i16']]),
  ...binary('MUL', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [2, 'i8'], [4, 'i16'], [5, 'i64']]),
  ...binary('DIV', [[1, 'f32'], [1, 'i32'], [1, 'u8']]),
  ...binary('MAXIMUM', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [4, 'i16']]),
  ...binary('MINIMUM', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [4, 'i16']]),
  ...binary('SQUARED_DIFFERENCE', [[1, 'f32'], [1, 'i32'], [2, 'i8']]),
  ...binary('POW', [[1, 'f32'], [1, 'i32']]),
  ...binary('FLOOR_DIV', [[1, 'i32'], [2, 'f32'], [3, 'i8'], [3, 'i16']]),
  ...binary('FLOOR_MOD', [[1, 'i32'], [1, 'i64'], [1, 'f32'], [2, 'i8'], [2, 'i16']]),
  ...binary('ATAN2', [[1, 'f32']]),
  ...binary('EQUAL', [[1, 'f32', 'b'], [1, 'u8', 'b'], [1, 'i32', 'b'], [1, 'i64', 'b'], [1, 'b', 'b'], [2, 'i8', 'b'], [4, 'i16', 'b']]),
  ...binary('NOT_EQUAL', [[1, 'f32', 'b'], [1, 'u8', 'b'], [1, 'i32', 'b'], [1, 'i64', 'b'], [1, 'b', 'b'], [2, 'i8', 'b']]),
  ...binary('LESS', [[1, 'f32', 'b'], [1, 'u8', 'b'], [1, 'i32', 'b'], [1, 'i64', 'b'], [2, 'i8', 'b'], [3, 'i16', 'b']]),
  ...binary('LESS_EQUAL', [[1, 'f32', 'b'], [1, 'u8', 'b'], [1, 'i32', 'b'], [1, 'i64', 'b'], [2, 'i8', 'b']]),
  ...binary('GREATER', [[1, 'f32', 'b'], [1, 'u8', 'b'], [1, 'i32', 'b'], [1, 'i64', 'b'], [2, 'i8', 'b']]),
  ...binary('GREATER_EQUAL', [[1, 'f32', 'b'], [1, 'u8', 'b'], [1, 'i32', 'b'], [1, 'i64', 'b'], [2, 'i8', 'b'], [3, 'i16', 'b']]),
  ...binary('LOGICAL_AND', [[1, 'b']]),
  ...binary('LOGICAL_OR', [[1, 'b']]),
  ...unary('LOGICAL_NOT', [[1, 'b']]),
  ...unary('ABS', [[1, 'f32'], [2, 'i8'], [3, 'i16'], [5, 'i32']]),
  ...unary('NEG', [[1, 'f32'], [1, 'i32'], [1, 'i64']]),
  ...unary('SQUARE', [[1, 'f32']]),
  ...unary('SQRT', [[1, 'f32']]),
  ...unary('RSQRT', [[1, 'f32'], [2, 'i8'], [3, 'i16']]),
  ...unary('EXP', [[1, 'f32'], [2, 'i8'], [2, 'i16']]),
  ...unary('LOG', [[1, 'f32'], [2, 'i8'], [2, 'i16']]),
  ...unary('SIN', [[1, 'f32']]),
  ...unary('COS', [[1, 'f32']]),
  ...unary('FLOOR', [[1, 'f32']]),
  ...unary('CEIL', [[1, 'f32']]),
  ...unary('ROUND', [[1, 'f32']]),
  ...unary('SIGN', [[1, 'f32'], [2, 'i32']]),
  ...rows('ADD_N', [[1, ['f32', 'f32'], ['f32'], 'float32'], [1, ['i32', 'i32'], ['i32'], 'int32']]),
];

const POOLS_AND_REDUCTIONS: AuditRow[] = [
  ...unary('AVERAGE_POOL_2D', [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('MAX_POOL_2D', [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...unary('L2_POOL_2D', [[1, 'f32']]),
  ...reduce('MEAN', [[1, 'f32'], [1, 'i32'], [1, 'u8'], [2, 'i8'], [3, 'i16']]),
  ...reduce('SUM', [[1, 'f32'], [1, 'i32'], [1, 'u8'], [1, 'i16'], [2, 'i8']]),
  ...reduce('REDUCE_MAX', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [2, 'i8'], [3, 'i16']]),
  ...reduce('REDUCE_MIN', [[1, 'f32'], [1, 'u8'], [1, 'i32'], [2, 'i8'], [3, 'i16']]),
  ...reduce('REDUCE_PROD', [[1, 'f32'], [1, 'i32'], [2, 'i8'], [2, 'i16']]),
  ...reduce('REDUCE_ANY', [[1, 'b']]),
  ...reduce('REDUCE_ALL', [[1, 'b']]),
  ...rows('ARG_MAX', [[1, ['f32', 'i32!'], ['i32'], 'float32'], [1, ['u8', 'i32!'], ['i32'], 'uint8'], [1, ['i32', 'i32!'], ['i32'], 'int32'], [2, ['i8', 'i32!'], ['i32'], 'int8'], [3, ['b', 'i32!'], ['i32'], 'bool']]),
  ...rows('ARG_MIN', [[1, ['f32', 'i32!'], ['i32'], 'float32'], [1, ['u8', 'i32!'], ['i32'], 'uint8'], [1, ['i32', 'i32!'], ['i32'], 'int32'], [2, ['i8', 'i32!'], ['i32'], 'int8'], [3, ['b', 'i32!'], ['i32'], 'bool']]),
  ...rows('CUMSUM', [[1, ['f32', 'i32!'], ['f32'], 'float32'], [1, ['i32', 'i32!'], ['i32'], 'int32'], [1, ['i64', 'i32!'], ['i64'], 'int64']]),
];

const CONVERSIONS: AuditRow[] = [
  ...rows('QUANTIZE', [
    [1, ['f32'], ['u8'], 'float32 → uint8'],
    [1, ['f32'], ['i8'], 'float32 → int8'],
    [1, ['u8'], ['u8'], 'uint8 requantization'],
    [1, ['i8'], ['i8'], 'int8 requantization'],
    [1, ['u8'], ['i8'], 'uint8 → int8'],
    [1, ['i8'], ['u8'], 'int8 → uint8'],
    [2, ['f32'], ['i16'], 'float32 → int16'],
    [2, ['i16'], ['i16'], 'int16 requantization'],
    [2, ['i16'], ['i8'], 'int16 → int8'],
    [2, ['i8'], ['i16'], 'int8 → int16'],
    [2, ['i16'], ['i32'], 'int16 → int32'],
    [3, ['f32'], ['i8c'], 'float32 → int8 per channel'],
  ]),
  ...rows('DEQUANTIZE', [
    [1, ['u8'], ['f32'], 'uint8'],
    [2, ['i8'], ['f32'], 'int8'],
    [3, ['i16'], ['f32'], 'int16'],
    [3, ['f16!'], ['f32'], 'float16'],
    [5, ['i8c!'], ['f32'], 'int8 per channel'],
  ]),
  ...rows('CAST', [
    [1, ['f32'], ['i32'], 'float32 → int32'],
    [1, ['i32'], ['f32'], 'int32 → float32'],
    [1, ['i64'], ['f32'], 'int64 → float32'],
    [1, ['f32'], ['i64'], 'float32 → int64'],
    [1, ['b'], ['f32'], 'bool → float32'],
    [1, ['f32'], ['b'], 'float32 → bool'],
    [1, ['u8'], ['f32'], 'uint8 → float32'],
    [3, ['i8'], ['f32'], 'int8 → float32'],
    [3, ['f32'], ['i8'], 'float32 → int8'],
    [1, ['i16'], ['f32'], 'int16 → float32'],
    [5, ['f16'], ['f32'], 'float16 → float32'],
    [5, ['f32'], ['f16'], 'float32 → float16'],
  ]),
];

/** Layout and indexing ops: they move values, so every type the kernel copies is a row. */
const LAYOUT: AuditRow[] = [
  ...layout('RESHAPE', 1, [[1, 'f32'], [1, 'u8'], [1, 'i8'], [1, 'i16'], [1, 'i32'], [1, 'i64'], [1, 'b']]),
  ...layout('SQUEEZE', 0, [[1, 'f32'], [1, 'u8'], [1, 'i8'], [1, 'i16'], [1, 'i32'], [1, 'i64'], [1, 'b']]),
  ...layout('EXPAND_DIMS', 1, [[1, 'f32'], [1, 'u8'], [1, 'i8'], [1, 'i16'], [1, 'i32'], [1, 'i64'], [1, 'b']]),
  ...layout('TRANSPOSE', 1, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [3, 'b'], [5, 'i16']]),
  ...layout('PAD', 1, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [3, 'i16']]),
  ...layout('MIRROR_PAD', 1, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [3, 'i16']]),
  ...layout('SLICE', 2, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [1, 'b'], [2, 'i8'], [4, 'i16']]),
  ...layout('STRIDED_SLICE', 3, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [3, 'b'], [1, 'i16']]),
  ...layout('TILE', 1, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [1, 'b'], [3, 'i8'], [1, 'i16']]),
  ...layout('REVERSE_V2', 1, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [1, 'i16'], [2, 'b'], [3, 'i8']]),
  ...layout('BROADCAST_TO', 1, [[2, 'f32'], [2, 'u8'], [2, 'i32'], [2, 'i64'], [2, 'b'], [3, 'i8'], [3, 'i16']]),
  ...layout('DEPTH_TO_SPACE', 0, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8']]),
  ...layout('SPACE_TO_DEPTH', 0, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8']]),
  ...layout('SPACE_TO_BATCH_ND', 2, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [4, 'i16']]),
  ...layout('BATCH_TO_SPACE_ND', 2, [[1, 'f32'], [1, 'u8'], [1, 'i32'], [1, 'i64'], [2, 'i8'], [4, 'i16']]),
  ...layout('RESIZE_BILINEAR', 1, [[1, 'f32'], [1, 'u8'], [2, 'i8'], [4, 'i16']]),
  ...layout('RESIZE_NEAREST_NEIGHBOR', 1, [[1, 'f32'], [1, 'u8'], [2, 'i8'], [4, 'i16']]),
  ...layout('SPLIT', 1, [[1, 'f32'], [1, 'u8'], [2, 'i8'], [3, 'i32'], [4, 'i16']], true),
  ...rows('SPLIT_V', [[1, ['f32', 'i32!', 'i32!'], ['f32'], 'float32'], [1, ['u8', 'i32!', 'i32!'], ['u8'], 'uint8'], [1, ['i32', 'i32!', 'i32!'], ['i32'], 'int32'], [1, ['i16', 'i32!', 'i32!'], ['i16'], 'int16'], [2, ['i8', 'i32!', 'i32!'], ['i8'], 'int8']]),
  ...rows('CONCATENATION', [[1, ['f32', 'f32'], ['f32'], 'float32'], [1, ['u8', 'u8'], ['u8'], 'uint8'], [1, ['i32', 'i32'], ['i32'], 'int32'], [1, ['i64', 'i64'], ['i64'], 'int64'], [1, ['b', 'b'], ['b'], 'bool'], [2, ['i8', 'i8'], ['i8'], 'int8'], [3, ['i16', 'i16'], ['i16'], 'int16']]),
  ...rows('PACK', [[1, ['f32', 'f32'], ['f32'], 'float32'], [1, ['u8', 'u8'], ['u8'], 'uint8'], [1, ['i32', 'i32'], ['i32'], 'int32'], [1, ['i64', 'i64'], ['i64'], 'int64'], [2, ['i8', 'i8'], ['i8'], 'int8'], [3, ['i16', 'i16'], ['i16'], 'int16']]),
  ...rows('UNPACK', [[1, ['f32'], ['f32'], 'float32'], [1, ['i32'], ['i32'], 'int32'], [2, ['u8'], ['u8'], 'uint8'], [2, ['i8'], ['i8'], 'int8'], [3, ['b'], ['b'], 'bool'], [4, ['i16'], ['i16'], 'int16']]),
  ...rows('PADV2', [[1, ['f32', 'i32!', 'f32!'], ['f32'], 'float32'], [1, ['u8', 'i32!', 'u8!'], ['u8'], 'uint8'], [1, ['i32', 'i32!', 'i32!'], ['i32'], 'int32'], [1, ['i64', 'i32!', 'i64!'], ['i64'], 'int64'], [2, ['i8', 'i32!', 'i8!'], ['i8'], 'int8'], [3, ['i16', 'i32!', 'i16!'], ['i16'], 'int16']]),
  ...rows('GATHER', [[1, ['f32', 'i32'], ['f32'], 'float32'], [1, ['u8', 'i32'], ['u8'], 'uint8'], [1, ['i32', 'i32'], ['i32'], 'int32'], [1, ['i64', 'i32'], ['i64'], 'int64'], [1, ['f32', 'i64'], ['f32'], 'int64 indices'], [2, ['i8', 'i32'], ['i8'], 'int8'], [3, ['b', 'i32'], ['b'], 'bool'], [4, ['i16', 'i32'], ['i16'], 'int16'], [6, ['f32', 'i16'], ['f32'], 'int16 indices']]),
  ...rows('GATHER_ND', [[1, ['f32', 'i32'], ['f32'], 'float32'], [1, ['u8', 'i32'], ['u8'], 'uint8'], [1, ['i8', 'i32'], ['i8'], 'int8'], [1, ['i32', 'i32'], ['i32'], 'int32'], [1, ['i64', 'i32'], ['i64'], 'int64'], [1, ['f32', 'i64'], ['f32'], 'int64 indices'], [3, ['i16', 'i32'], ['i16'], 'int16'], [4, ['f32', 'i16'], ['f32'], 'int16 indices'], [5, ['b', 'i32'], ['b'], 'bool']]),
  ...rows('SELECT', [[1, ['b', 'f32', 'f32'], ['f32'], 'float32'], [1, ['b', 'u8', 'u8'], ['u8'], 'uint8'], [1, ['b', 'i32', 'i32'], ['i32'], 'int32'], [1, ['b', 'i64', 'i64'], ['i64'], 'int64'], [1, ['b', 'b', 'b'], ['b'], 'bool'], [1, ['b', 'i16', 'i16'], ['i16'], 'int16'], [2, ['b', 'i8', 'i8'], ['i8'], 'int8']]),
  ...rows('SELECT_V2', [[1, ['b', 'f32', 'f32'], ['f32'], 'float32'], [1, ['b', 'u8', 'u8'], ['u8'], 'uint8'], [1, ['b', 'i8', 'i8'], ['i8'], 'int8'], [1, ['b', 'i16', 'i16'], ['i16'], 'int16'], [1, ['b', 'i32', 'i32'], ['i32'], 'int32'], [1, ['b', 'i64', 'i64'], ['i64'], 'int64'], [1, ['b', 'b', 'b'], ['b'], 'bool']]),
  ...rows('TOPK_V2', [[1, ['f32', 'i32!'], ['f32', 'i32'], 'float32'], [1, ['u8', 'i32!'], ['u8', 'i32'], 'uint8'], [1, ['i32', 'i32!'], ['i32', 'i32'], 'int32'], [1, ['i64', 'i32!'], ['i64', 'i32'], 'int64'], [2, ['i8', 'i32!'], ['i8', 'i32'], 'int8'], [3, ['i16', 'i32!'], ['i16', 'i32'], 'int16']]),
  ...rows('ONE_HOT', [[1, ['i32', 'i32!', 'f32!', 'f32!'], ['f32'], 'float32'], [1, ['i32', 'i32!', 'i32!', 'i32!'], ['i32'], 'int32'], [1, ['i32', 'i32!', 'u8!', 'u8!'], ['u8'], 'uint8'], [1, ['i32', 'i32!', 'i8!', 'i8!'], ['i8'], 'int8'], [1, ['i32', 'i32!', 'b!', 'b!'], ['b'], 'bool']]),
  ...rows('FILL', [[1, ['i32!', 'f32'], ['f32'], 'float32'], [1, ['i32!', 'i32'], ['i32'], 'int32'], [1, ['i32!', 'i64'], ['i64'], 'int64'], [2, ['i32!', 'b'], ['b'], 'bool'], [3, ['i32!', 'i8'], ['i8'], 'int8'], [3, ['i32!', 'i16'], ['i16'], 'int16'], [4, ['i32!', 'f16'], ['f16'], 'float16']]),
  ...rows('ZEROS_LIKE', [[1, ['f32'], ['f32'], 'float32'], [1, ['i32'], ['i32'], 'int32'], [1, ['i64'], ['i64'], 'int64']]),
  ...rows('RANGE', [[1, ['i32!', 'i32!', 'i32!'], ['i32'], 'int32'], [1, ['f32!', 'f32!', 'f32!'], ['f32'], 'float32'], [2, ['i64!', 'i64!', 'i64!'], ['i64'], 'int64']]),
  ...rows('SHAPE', [[1, ['f32'], ['i32'], 'int32 shape'], [1, ['f32'], ['i64'], 'int64 shape']]),
  ...rows('RANK', [[1, ['f32'], ['i32'], 'rank']]),
  ...rows('EMBEDDING_LOOKUP', [[1, ['i32', 'f32!'], ['f32'], 'float32'], [2, ['i32', 'u8!'], ['f32'], 'uint8 table (dequantized)'], [3, ['i32', 'i8!'], ['f32'], 'int8 table (dequantized)']]),
];

/** The rows whose tensor types came with the int4, complex64, uint32 and string support. */
const NEWER_TYPES: readonly AuditRow[] = [
  { op: 'CONV_2D', version: 7, inputs: ['i8', 'i4c!', 'i32!'], outputs: ['i8'], what: 'int4 weights' },
  { op: 'DEPTHWISE_CONV_2D', version: 7, inputs: ['i8', 'i4c!', 'i32!'], outputs: ['i8'], what: 'int4 weights' },
  { op: 'FULLY_CONNECTED', version: 10, inputs: ['i8', 'i4!', 'i32!'], outputs: ['i8'], what: 'int4 weights' },
  { op: 'MUL', version: 6, inputs: ['c64', 'c64'], outputs: ['c64'], what: 'complex64' },
  { op: 'MUL', version: 7, inputs: ['u32', 'u32'], outputs: ['u32'], what: 'uint32' },
  { op: 'SLICE', version: 3, inputs: ['str', 'i32!', 'i32!'], outputs: ['str'], what: 'string' },
  { op: 'GATHER', version: 7, inputs: ['i4', 'i32'], outputs: ['i4'], what: 'int4' },
  { op: 'DEQUANTIZE', version: 6, inputs: ['i4!'], outputs: ['f32'], what: 'int4' },
];

/**
 * The hash table ops (kernels/hashtable/*.cc): TFLite makes tables for int64 → string and string → int64
 * only; FIND and IMPORT take the handle as RESOURCE or int32, SIZE as RESOURCE only.
 */
const HASHTABLES: readonly AuditRow[] = [
  ...rows('HASHTABLE', [[1, [], ['res'], 'table handle']]),
  ...rows('HASHTABLE_IMPORT', [
    [1, ['res', 'i64!', 'str!'], [], 'int64 → string'], [1, ['res', 'str!', 'i64!'], [], 'string → int64'],
    [1, ['i32', 'i64!', 'str!'], [], 'int32 handle'],
  ]),
  ...rows('HASHTABLE_FIND', [
    [1, ['res', 'i64', 'str!'], ['str'], 'int64 → string'], [1, ['res', 'str', 'i64!'], ['i64'], 'string → int64'],
    [1, ['i32', 'str', 'i64!'], ['i64'], 'int32 handle'],
  ]),
  ...rows('HASHTABLE_SIZE', [[1, ['res'], ['i64'], 'int64 size']]),
];

const BASIC_LSTM: BuiltinOptions = {
  kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'BASIC', asymmetricQuantizeInputs: false,
};

/**
 * LSTM version 2 is the basic kernel (kernel_type BASIC: five inputs, four outputs), float32 or TFLite's
 * fixed-scale uint8 cell with an int16 state.
 */
const LSTM_BASIC: readonly AuditRow[] = [
  { op: 'LSTM', version: 2, inputs: ['f32', 'f32', 'f32!', 'f32!', 'f32'], outputs: ['f32', 'f32', 'f32', 'f32'], what: 'basic kernel, float32', options: BASIC_LSTM },
  { op: 'LSTM', version: 2, inputs: ['u8', 'u8', 'u8!', 'i32!', 'i16'], outputs: ['u8', 'i16', 'u8', 'i16'], what: 'basic kernel, uint8 with int16 state', options: BASIC_LSTM },
];

export const TFLITE_OP_VERSIONS: readonly AuditRow[] = [
  ...WEIGHTED, ...ACTIVATIONS, ...ARITHMETIC, ...POOLS_AND_REDUCTIONS, ...CONVERSIONS, ...LAYOUT, ...NEWER_TYPES,
  ...HASHTABLES, ...LSTM_BASIC,
];

/** Rows of TFLite's table this runtime does not run, with the reason (none today). */
export const NOT_RUN: readonly (AuditRow & { readonly reason: string })[] = [];
