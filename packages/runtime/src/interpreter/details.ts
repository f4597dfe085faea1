import type { DType } from '../core/dtype.js';
import type { InterpreterTensor } from './tensors.js';

/** What getInputDetails()/getOutputDetails() return for each tensor, mirroring TFLite's Python API. */
export interface TensorDetails {
  /** Tensor index in the subgraph: the key for setTensor/getTensor/resizeInputTensor. */
  readonly index: number;
  readonly name: string;
  /** Current shape (after any resize and allocateTensors). */
  readonly shape: number[];
  /** The model's shape_signature (-1 for dynamic dimensions), or the static shape when it has none. */
  readonly shapeSignature: number[];
  readonly dtype: DType;
  /** Empty scale/zeroPoint arrays when the tensor is not quantized. */
  readonly quantization: { scale: number[]; zeroPoint: number[]; quantizedDimension: number };
}

export function detailsOf(t: InterpreterTensor): TensorDetails {
  const q = t.quantization;
  return {
    index: t.index,
    name: t.name,
    shape: [...t.shape],
    shapeSignature: [...(t.desc.shapeSignature ?? t.desc.shape)],
    dtype: t.dtype,
    quantization: {
      scale: q ? [...q.scale] : [],
      zeroPoint: q ? [...q.zeroPoint] : [],
      quantizedDimension: q ? q.quantizedDimension : 0,
    },
  };
}
