/**
 * TimeDistributed(layer): the layer on every step of a [batch, time, …] sequence. For layers that act on the
 * last axis or element by element (Dense, activations, normalizations over the last axis) that is the layer
 * itself applied to the sequence — Dense on a rank-3 input already reshapes to [T, n] around
 * FULLY_CONNECTED, as TFLite's converter does — so the wrapped layer's own translator runs with the wrapper's
 * name, weights and output shape. Layers that mix positions within a step (convolutions, pooling) would need
 * the time axis folded into the batch (convolutions, pooling, Flatten): the sequence is reshaped to
 * [T, …] and the wrapped layer's translator runs with T as its batch, then the result is reshaped back to
 * [1, T, …]. Any other wrapped layer is refused by name.
 */
import { translatorFor, type Emit, type Translator } from './layers_to_ir.js';
import { single } from './layout.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

const PER_STEP = new Set([
  'Dense', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'ThresholdedReLU', 'BatchNormalization', 'LayerNormalization',
  'Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout',
]);

/** Layers whose translators are checked to take a batch other than 1 (their shape constants come from tensor shapes). */
const PER_IMAGE = new Set([
  'Conv1D', 'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D', 'AveragePooling2D',
  'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'Flatten',
]);

export const timeDistributed: Translator = (layer, inputs, e) => {
  const inner = layer.config.layer as { className?: string; config?: LayerRecord['config'] } | undefined;
  const className = inner?.className ?? 'nothing';
  const translate = translatorFor(className);
  if (!inner?.config || !translate || !(PER_STEP.has(className) || PER_IMAGE.has(className))) {
    throw new ConversionError(`layer '${layer.name}' (TimeDistributed) wraps ${className}, which the converter cannot run per step (supported: ${[...PER_STEP, ...PER_IMAGE].join(', ')})`);
  }
  const record: LayerRecord = { ...layer, className, config: { ...inner.config, name: layer.name } };
  if (PER_STEP.has(className)) return translate(record, inputs, e);
  return withTimeAsBatch(record, inputs, e, translate);
};

/** [1, T, …] → [T, …] → the layer with batch T → [1, T, …]. */
function withTimeAsBatch(layer: LayerRecord, inputs: number[], e: Emit, translate: Translator): number {
  const x = single(layer, inputs);
  const [, steps, ...rest] = e.shapeOf(x);
  const flat = e.tensor(`${layer.name}/steps`, [steps, ...rest], layer.name);
  e.op({ kind: 'reshape', inputs: [x], output: flat });
  // The wrapped translator makes its activations [1, …]: they take batch T instead, as they are made.
  const batched: Emit = { ...e, tensor: (name, shape, source, dtype) => e.tensor(name, shape[0] === 1 ? [steps, ...shape.slice(1)] : shape, source, dtype) };
  const y = translate({ ...layer, outputShape: layer.outputShape.slice(1) }, [flat], batched);
  const out = e.tensor(`${layer.name}/sequence`, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'reshape', inputs: [y], output: out });
  return out;
}
