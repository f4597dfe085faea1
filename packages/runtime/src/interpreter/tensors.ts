import { allocTyped, bytesPerElement, viewTyped, type TypedArray } from '../core/dtype.js';
import { ModelFormatError } from '../core/errors.js';
import { unpackInt4 } from '../core/int4.js';
import type { SubgraphDesc, TensorDesc } from '../core/model.js';
import { formatShape, numElements } from '../core/shape.js';
import { densify } from '../core/sparsity.js';
import { decodeStringBuffer } from '../core/string_data.js';
import type { RuntimeTensor } from '../kernels/kernel.js';

/** The interpreter's tensor: the kernel-visible RuntimeTensor plus bookkeeping the kernels never see. */
export interface InterpreterTensor extends RuntimeTensor {
  isConstant: boolean;
  readonly desc: TensorDesc;
  /** True for weights stored in the model (as opposed to values folded at prepare time). */
  readonly isModelConstant: boolean;
  /** Shape known only at eval: lives outside the arena, in a buffer of DynamicBuffers. */
  isDynamic: boolean;
}

/** `bytes` as `count` elements of `dtype`: a view when aligned, else one copy. */
function typedView(desc: TensorDesc, bytes: Uint8Array, count: number): TypedArray {
  // A view when the element alignment allows it; otherwise one copy (converters align, but nothing requires it).
  if (bytes.byteOffset % bytesPerElement(desc.dtype) === 0) {
    return viewTyped(desc.dtype, bytes.buffer, bytes.byteOffset, count);
  }
  const copy = allocTyped(desc.dtype, count);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

/**
 * The kernel-visible value of a constant: the file's bytes viewed in place, or — for encodings kernels never
 * see — decoded once here: strings from TFLite's string buffer, INT4 unpacked to int8, sparse tensors densified.
 */
function constantData(desc: TensorDesc, index: number, bytes: Uint8Array): TypedArray {
  const where = `tensor ${index} '${desc.name}'`;
  const n = numElements(desc.shape);
  if (desc.dtype === 'string') return decodeStringBuffer(bytes, n, where);
  if (desc.packedInt4 && !desc.sparsity) return unpackInt4(bytes, n);
  if (desc.sparsity) {
    const width = bytesPerElement(desc.dtype);
    if (desc.packedInt4 || bytes.byteLength % width !== 0) {
      throw new ModelFormatError(`${where}: ${bytes.byteLength} bytes of sparse values are not whole ${desc.dtype} elements`);
    }
    return densify(desc.dtype, desc.shape, typedView(desc, bytes, bytes.byteLength / width), desc.sparsity, where);
  }
  const need = n * bytesPerElement(desc.dtype);
  if (bytes.byteLength !== need) {
    throw new ModelFormatError(
      `tensor ${index} '${desc.name}': buffer holds ${bytes.byteLength} bytes but ${desc.dtype}${formatShape(desc.shape)} needs ${need}`,
    );
  }
  return typedView(desc, bytes, n);
}

export function makeTensors(subgraph: SubgraphDesc): InterpreterTensor[] {
  return subgraph.tensors.map((desc, index) => {
    const isModelConstant = desc.data !== null && !desc.isVariable;
    return {
      index,
      name: desc.name,
      dtype: desc.dtype,
      shape: [...desc.shape],
      data: isModelConstant ? constantData(desc, index, desc.data!) : allocTyped(desc.dtype, 0),
      quantization: desc.quantization,
      isConstant: isModelConstant,
      desc,
      isModelConstant,
      isDynamic: false,
      ...(desc.packedInt4 ? { storedAsInt4: true } : {}),
    };
  });
}
