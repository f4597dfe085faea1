/**
 * A tiny stand-in for the MNIST model, built in code, with the same interface (uint8 [1,28,28] in, float32
 * [1,10] probabilities out): the score of class c grows with the ink in the c-th vertical band of the image
 * (columns x with floor(x·10/28) = c). So a white bar in band c is predicted as c — a known answer that lets
 * tests check the whole path (decode, resize, model, JSON) without a trained model. Not exported.
 */
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';

export const BAND_CLASSES = 10;

export function bandOf(x: number): number {
  return Math.floor((x * BAND_CLASSES) / 28);
}

export function columnBandModel(): Uint8Array {
  const b = new ModelBuilder();
  const input = b.addInput({ name: 'image', dtype: 'uint8', shape: [1, 28, 28] });
  const asFloat = b.addTensor({ name: 'image_f32', dtype: 'float32', shape: [1, 28, 28] });
  const shape = b.addTensor({ name: 'flat_shape', dtype: 'int32', shape: [2], data: new Int32Array([1, 784]) });
  const flat = b.addTensor({ name: 'flat', dtype: 'float32', shape: [1, 784] });
  const weights = b.addTensor({ name: 'weights', dtype: 'float32', shape: [BAND_CLASSES, 784], data: bandWeights() });
  const bias = b.addTensor({ name: 'bias', dtype: 'float32', shape: [BAND_CLASSES], data: new Float32Array(BAND_CLASSES) });
  const logits = b.addTensor({ name: 'logits', dtype: 'float32', shape: [1, BAND_CLASSES] });
  const probs = b.addOutput({ name: 'probabilities', dtype: 'float32', shape: [1, BAND_CLASSES] });
  b.addOperator({
    opcode: BuiltinOp.CAST,
    inputs: [input],
    outputs: [asFloat],
    options: { kind: 'CastOptions', inDataType: 'uint8', outDataType: 'float32' },
  });
  b.addOperator({
    opcode: BuiltinOp.RESHAPE,
    inputs: [asFloat, shape],
    outputs: [flat],
    options: { kind: 'ReshapeOptions', newShape: [1, 784] },
  });
  b.addOperator({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [flat, weights, bias],
    outputs: [logits],
    options: {
      kind: 'FullyConnectedOptions',
      fusedActivation: 'NONE',
      weightsFormat: 'DEFAULT',
      keepNumDims: false,
      asymmetricQuantizeInputs: false,
    },
  });
  b.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [logits], outputs: [probs], options: { kind: 'SoftmaxOptions', beta: 1 } });
  return b.build();
}

/** Averages the ink of each band (0..1 per pixel) and scales it so a filled band dominates the softmax. */
function bandWeights(): Float32Array {
  const w = new Float32Array(BAND_CLASSES * 784);
  for (let c = 0; c < BAND_CLASSES; c++) {
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (bandOf(x) === c) w[c * 784 + y * 28 + x] = 0.1 / 255;
  }
  return w;
}
