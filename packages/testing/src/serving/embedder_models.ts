/**
 * A small image embedder for tests: RGB [1, 16, 16, 3] → 3×3 convolution to 8 channels (ReLU) → mean over
 * the image → an 8-value "embedding" [1, 8], with seeded weights. Not exported from the package index.
 */
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { seededRandom } from '../kernels/test_helpers.js';

export function embedderModel(seed = 7): Uint8Array {
  const rand = seededRandom(seed);
  const b = new ModelBuilder();
  const image = b.addInput({ name: 'image', dtype: 'float32', shape: [1, 16, 16, 3] });
  const filter = b.addTensor({ name: 'filter', dtype: 'float32', shape: [8, 3, 3, 3], data: Float32Array.from({ length: 216 }, () => rand() - 0.5) });
  const bias = b.addTensor({ name: 'bias', dtype: 'float32', shape: [8], data: Float32Array.from({ length: 8 }, () => rand() * 0.2) });
  const features = b.addTensor({ name: 'features', dtype: 'float32', shape: [1, 16, 16, 8] });
  const axes = b.addTensor({ name: 'axes', dtype: 'int32', shape: [2], data: new Int32Array([1, 2]) });
  const embedding = b.addOutput({ name: 'embedding', dtype: 'float32', shape: [1, 8] });
  b.addOperator({
    opcode: BuiltinOp.CONV_2D,
    inputs: [image, filter, bias],
    outputs: [features],
    options: { kind: 'Conv2DOptions', padding: 'SAME', strideW: 1, strideH: 1, fusedActivation: 'RELU', dilationW: 1, dilationH: 1 },
  });
  b.addOperator({ opcode: BuiltinOp.MEAN, inputs: [features, axes], outputs: [embedding], options: { kind: 'ReducerOptions', keepDims: false } });
  return b.build();
}
