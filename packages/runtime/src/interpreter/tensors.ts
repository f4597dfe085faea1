import { allocTyped, bytesPerElement, viewTyped, type TypedArray } from '../core/dtype.js';
import { ModelFormatError } from '../core/errors.js';
import type { SubgraphDesc, TensorDesc } from '../core/model.js';
import { formatShape, numElements } from '../core/shape.js';
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

function constantData(desc: TensorDesc, index: number, bytes: Uint8Array): TypedArray {
  const n = numElements(desc.shape);
  const need = n * bytesPerElement(desc.dtype);
  if (bytes.byteLength !== need) {
    throw new ModelFormatError(
      `tensor ${index} '${desc.name}': buffer holds ${bytes.byteLength} bytes but ${desc.dtype}${formatShape(desc.shape)} needs ${need}`,
    );
  }
  // A view when the element alignment allows it; otherwise one copy (converters align, but nothing requires it).
  if (bytes.byteOffset % bytesPerElement(desc.dtype) === 0) {
    return viewTyped(desc.dtype, bytes.buffer, bytes.byteOffset, n);
  }
  const copy = allocTyped(desc.dtype, n);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
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
    };
  });
}
