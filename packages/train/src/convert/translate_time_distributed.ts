/**
 * TimeDistributed(layer): the layer on every step of a [batch, time, …] sequence. For layers that act on the
 * last axis or element by element (Dense, activations, normalizations over the last axis) that is the layer
 * itself applied to the sequence — Dense on a rank-3 input already reshapes to [T, n] around
 * FULLY_CONNECTED, as TFLite's converter does — so the wrapped layer's own translator runs with the wrapper's
 * name, weights and output shape. Layers that mix positions within a step (convolutions, pooling) would need
 * the time axis folded into the batch, which the converter does not do: they are refused by name.
 */
import { translatorFor, type Translator } from './layers_to_ir.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

const PER_STEP = new Set([
  'Dense', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'ThresholdedReLU', 'BatchNormalization', 'LayerNormalization',
  'Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout',
]);

export const timeDistributed: Translator = (layer, inputs, e) => {
  const inner = layer.config.layer as { className?: string; config?: LayerRecord['config'] } | undefined;
  const className = inner?.className ?? 'nothing';
  const translate = translatorFor(className);
  if (!inner?.config || !PER_STEP.has(className) || !translate) {
    throw new ConversionError(`layer '${layer.name}' (TimeDistributed) wraps ${className}; only layers acting per step on the last axis convert (${[...PER_STEP].join(', ')})`);
  }
  return translate({ ...layer, className, config: { ...inner.config, name: layer.name } }, inputs, e);
};
