/**
 * Test support: tiny models whose output is their input, flattened (RESHAPE to [1, N]), optionally through
 * a SOFTMAX. What the classifier feeds the model therefore comes back as the scores' source, so a test can
 * compute the expected scores by hand from the pixels.
 */
import { BuiltinOp, type DType, type QuantizationParams } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';

export interface PassThroughSpec {
  dtype: DType;
  inputShape: number[];
  inputQuantization?: QuantizationParams;
  /** Quantization written on the output (the bytes are copied as-is, so this rescales the dequantized values). */
  outputQuantization?: QuantizationParams;
  /** Append a float SOFTMAX so the model itself outputs probabilities. */
  softmax?: boolean;
}

export function perTensor(scale: number, zeroPoint: number): QuantizationParams {
  return { scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 };
}

export function passThroughModel(spec: PassThroughSpec): Uint8Array {
  const n = spec.inputShape.reduce((a, b) => a * b, 1);
  const b = new ModelBuilder();
  const input = b.addInput({ name: 'image', dtype: spec.dtype, shape: spec.inputShape, quantization: spec.inputQuantization });
  const flatSpec = { name: 'flat', dtype: spec.dtype, shape: [1, n], quantization: spec.outputQuantization };
  const flat = spec.softmax ? b.addTensor(flatSpec) : b.addOutput(flatSpec);
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [input], outputs: [flat], options: { kind: 'ReshapeOptions', newShape: [1, n] } });
  if (spec.softmax) {
    const probs = b.addOutput({ name: 'probabilities', dtype: spec.dtype, shape: [1, n] });
    b.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [flat], outputs: [probs], options: { kind: 'SoftmaxOptions', beta: 1 } });
  }
  return b.build();
}
