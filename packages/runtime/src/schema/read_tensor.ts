/** Reads one schema Tensor (and its QuantizationParameters) into a TensorDesc, validating it against the file. */
import { bytesPerElement, type DType } from '../core/dtype.js';
import { ModelFormatError, UnsupportedError } from '../core/errors.js';
import type { QuantizationParams, TensorDesc } from '../core/model.js';
import { formatShape } from '../core/shape.js';
import type { Table } from './flatbuffer_reader.js';
import { packedInt4Bytes } from '../core/int4.js';
import { checkSparsity } from '../core/sparsity.js';
import { readSparsity } from './read_sparsity.js';
import { QuantizationF, TensorF } from './schema_fields.js';
import { dtypeOfCode, INT4_CODE, tensorTypeName } from './schema_enums.js';

/** Element counts past int32 are rejected: TFLite stores them in int, and JS could not allocate them anyway. */
const MAX_ELEMENTS = 0x7fffffff;

function readShape(t: Table, id: number, what: string, minDim: number): number[] | null {
  const dims = t.int32s(id, what);
  if (dims === null) return null;
  for (const d of dims) {
    if (d < minDim) throw new ModelFormatError(`${t.where}: ${what} ${formatShape(dims)} has an invalid dimension ${d}`);
  }
  return dims;
}

function elementCount(shape: readonly number[], where: string): number {
  let n = 1;
  for (const d of shape) n *= d;
  if (n > MAX_ELEMENTS) throw new ModelFormatError(`${where}: shape ${formatShape(shape)} has too many elements (${n})`);
  return n;
}

export function readQuantization(t: Table | null): QuantizationParams | null {
  if (t === null) return null;
  const scale = t.float32s(QuantizationF.scale, 'quantization scale');
  const zeroPoint = t.int64s(QuantizationF.zeroPoint, 'quantization zero_point');
  // As in TFLite, parameters without both scales and zero points mean "not quantized".
  if (scale === null || zeroPoint === null || scale.length === 0) return null;
  if (scale.length !== zeroPoint.length) {
    throw new ModelFormatError(`${t.where}: ${scale.length} quantization scales but ${zeroPoint.length} zero points`);
  }
  // A quantized_dimension outside the tensor's rank is kept, not refused: published models carry it on
  // tensors whose parameters no kernel reads per channel (person_detect's int32 biases repeat the depthwise
  // filter's dimension 3; TFLite Micro runs them). Every kernel that reads the dimension checks it.
  const quantizedDimension = t.int32(QuantizationF.quantizedDimension, 0);
  return { scale, zeroPoint, quantizedDimension };
}

/** Makes `key` of `obj` a getter that throws `error` when the property is used. */
function throwOnUse<T extends object>(obj: T, key: keyof T, error: () => Error): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    get: () => {
      throw error();
    },
  });
}

/** Strings and sparse values have no fixed size; they are checked when decoded. */
function checkDataSize(data: Uint8Array, dtype: DType, shape: readonly number[], int4: boolean, where: string): void {
  const count = elementCount(shape, where);
  const need = int4 ? packedInt4Bytes(count) : count * bytesPerElement(dtype);
  if (data.byteLength !== need) {
    throw new ModelFormatError(
      `${where}: buffer holds ${data.byteLength} bytes but ${dtype}${formatShape(shape)} needs ${need}`,
    );
  }
}

/** `buffers[i]` is buffer i's contents (a view into the model bytes) or null when empty. */
export function readTensor(t: Table, buffers: readonly (Uint8Array | null)[]): TensorDesc {
  const where = t.where;
  const shape = readShape(t, TensorF.shape, 'shape', 0) ?? [];
  elementCount(shape, where);
  const typeCode = t.int8(TensorF.type, 0);
  const int4 = typeCode === INT4_CODE;
  const dtype = int4 ? 'int8' : dtypeOfCode(typeCode);
  const buffer = t.uint32(TensorF.buffer, 0);
  if (buffer !== 0 && buffer >= buffers.length) {
    throw new ModelFormatError(`${where}: buffer index ${buffer} is out of range (${buffers.length} buffers)`);
  }
  const data = buffers[buffer] ?? null;
  const name = t.string(TensorF.name, 'name') ?? '';
  const sparsityTable = t.table(TensorF.sparsity, 'sparsity');
  const sparsity = sparsityTable === null ? null : readSparsity(sparsityTable);
  if (sparsity !== null) checkSparsity(sparsity, shape, `${where} '${name}'`);
  if (data !== null && dtype !== null && dtype !== 'string' && sparsity === null) {
    checkDataSize(data, dtype, shape, int4, `${where} '${name}'`);
  }
  const desc: TensorDesc = {
    name,
    dtype: dtype ?? 'float32',
    shape,
    shapeSignature: readShape(t, TensorF.shapeSignature, 'shape_signature', -1),
    buffer,
    data,
    quantization: readQuantization(t.table(TensorF.quantization, 'quantization')),
    isVariable: t.bool(TensorF.isVariable, false),
    ...(sparsity !== null ? { sparsity } : {}),
    ...(int4 ? { packedInt4: true } : {}),
  };
  // Unsupported types fail only when something uses them, so such models still load far enough to be inspected.
  if (dtype === null) {
    const msg = `${where} '${name}': tensor type ${tensorTypeName(typeCode)} is not supported`;
    throwOnUse(desc, 'dtype', () => new UnsupportedError(msg));
  }
  return desc;
}
