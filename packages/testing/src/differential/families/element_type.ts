/** What layout-op generators need to know about the element type they move: dtype, quantization, values. */
import type { DType, QuantizationParams, TypedArray } from '@tflite-lambda/runtime/internal';
import type { TensorSpec } from '../case_builder.js';
import { normalFloats, randomActivationQuant, randomInts, type QuantDType } from '../random_data.js';
import type { Rng } from '../rng.js';

export interface ElementType {
  readonly dtype: DType;
  readonly quantization?: QuantizationParams;
  values(rng: Rng, shape: readonly number[]): TypedArray;
}

export const FLOAT32: ElementType = { dtype: 'float32', values: (rng, shape) => normalFloats(rng, shape) };

/** A quantized integer type with random per-tensor parameters, shared by the op's inputs and outputs. */
export function quantizedType(rng: Rng, dtype: QuantDType): ElementType {
  return { dtype, quantization: randomActivationQuant(rng, dtype), values: (r, shape) => randomInts(r, dtype, shape) };
}

/** The tensor spec of an element type at a shape. */
export function spec(e: ElementType, shape: readonly number[]): TensorSpec {
  return e.quantization ? { dtype: e.dtype, shape, quantization: e.quantization } : { dtype: e.dtype, shape };
}
