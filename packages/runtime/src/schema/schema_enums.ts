/** Enum values of the TFLite schema (schema.fbs) and their mapping to the runtime's own names. */
import type { DType } from '../core/dtype.js';
import type { FusedActivation, Padding } from '../core/options.js';

/** TensorType codes in schema order; index = code. */
export const TENSOR_TYPE_NAMES: readonly string[] = [
  'FLOAT32', 'FLOAT16', 'INT32', 'UINT8', 'INT64', 'STRING', 'BOOL', 'INT16', 'COMPLEX64', 'INT8',
  'FLOAT64', 'COMPLEX128', 'UINT64', 'RESOURCE', 'VARIANT', 'UINT32', 'UINT16', 'INT4', 'BFLOAT16',
];

const DTYPE_BY_CODE: ReadonlyMap<number, DType> = new Map<number, DType>([
  [0, 'float32'],
  [1, 'float16'],
  [2, 'int32'],
  [3, 'uint8'],
  [4, 'int64'],
  [5, 'string'],
  [6, 'bool'],
  [7, 'int16'],
  [8, 'complex64'],
  [9, 'int8'],
  [10, 'float64'],
  [12, 'uint64'],
  [13, 'resource'],
  [15, 'uint32'],
  [16, 'uint16'],
]);

/** TensorType INT4: read as int8 (TensorDesc.packedInt4), so it has no entry above. */
export const INT4_CODE = 17;

const CODE_BY_DTYPE: ReadonlyMap<DType, number> = new Map([...DTYPE_BY_CODE].map(([c, d]) => [d, c]));

/** The runtime dtype for a TensorType code, or null when the runtime has none (complex128, bfloat16, int2, ...). */
export function dtypeOfCode(code: number): DType | null {
  return DTYPE_BY_CODE.get(code) ?? null;
}

export function codeOfDtype(dtype: DType): number {
  const code = CODE_BY_DTYPE.get(dtype);
  if (code === undefined) throw new TypeError(`no TensorType code for dtype ${String(dtype)}`);
  return code;
}

/** 'STRING', 'COMPLEX64', ... or `code <n>` for values past the schema's list. */
export function tensorTypeName(code: number): string {
  return TENSOR_TYPE_NAMES[code] ?? `code ${code}`;
}

export const PADDINGS: readonly Padding[] = ['SAME', 'VALID'];

export const ACTIVATIONS: readonly FusedActivation[] = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'];

export const WEIGHTS_FORMATS = ['DEFAULT', 'SHUFFLED4x16INT8'] as const;
