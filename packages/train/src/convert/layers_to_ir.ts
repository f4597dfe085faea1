/**
 * Translates layer records into the IR, one translator per TF.js layer class. Activations named in a layer's
 * config become a separate activation op here; the folding passes fuse them where TFLite fuses.
 */
import type { IrGraph, IrOp, ActivationFn } from './ir.js';
import { ConversionError, type LayerRecord, type ModelRecord } from './read_layers.js';
import { convLayer, denseLayer, depthwiseLayer, separableLayer } from './translate_conv.js';
import { affineLayer } from './translate_affine.js';
import { pair, paddingOf, requireChannelsLast } from './layout.js';

export interface Emit {
  /** Adds the op's output tensor (shape from the layer) and returns its id. */
  tensor(name: string, shape: number[], source: string): number;
  op(op: IrOp): void;
  shapeOf(t: number): number[];
}

type Translator = (layer: LayerRecord, inputs: number[], e: Emit) => number;

const IDENTITY = new Set(['Dropout', 'SeededDropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'InputLayer']);

const ACTIVATIONS: Record<string, ActivationFn | null> = {
  linear: null,
  relu: 'relu',
  relu6: 'relu6',
  softmax: 'softmax',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
};

/** Appends an activation op for a config's `activation` (if any) and returns the final tensor. */
export function withActivation(layer: LayerRecord, t: number, e: Emit): number {
  const name = (layer.config.activation as string | undefined) ?? 'linear';
  return applyActivation(layer, name, t, e);
}

function applyActivation(layer: LayerRecord, name: string, t: number, e: Emit): number {
  if (!(name in ACTIVATIONS)) throw new ConversionError(`layer '${layer.name}' (${layer.className}): activation '${name}' is not supported`);
  const fn = ACTIVATIONS[name];
  if (!fn) return t;
  const out = e.tensor(`${layer.name}/${fn}`, e.shapeOf(t), layer.name);
  e.op({ kind: 'activation', input: t, output: out, fn });
  return out;
}

function single(layer: LayerRecord, inputs: number[]): number {
  if (inputs.length !== 1) throw new ConversionError(`layer '${layer.name}' (${layer.className}) expects one input, got ${inputs.length}`);
  return inputs[0];
}

function pool(kind: 'maxpool' | 'avgpool'): Translator {
  return (layer, inputs, e) => {
    requireChannelsLast(layer);
    const size = pair(layer.config.poolSize, `${layer.name}.poolSize`);
    const strides = layer.config.strides ? pair(layer.config.strides, `${layer.name}.strides`) : size;
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind, input: single(layer, inputs), output: out, size, strides, padding: paddingOf(layer) });
    return out;
  };
}

const reshape: Translator = (layer, inputs, e) => {
  const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'reshape', input: single(layer, inputs), output: out });
  return out;
};

const TRANSLATORS: Record<string, Translator> = {
  Conv2D: convLayer,
  DepthwiseConv2D: depthwiseLayer,
  SeparableConv2D: separableLayer,
  Dense: denseLayer,
  MaxPooling2D: pool('maxpool'),
  AveragePooling2D: pool('avgpool'),
  GlobalAveragePooling2D: (layer, inputs, e) => {
    requireChannelsLast(layer);
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind: 'mean', input: single(layer, inputs), output: out });
    return out;
  },
  Flatten: reshape,
  Reshape: reshape,
  BatchNormalization: affineLayer,
  Normalization: affineLayer,
  Rescaling: affineLayer,
  Activation: (layer, inputs, e) => withActivation(layer, single(layer, inputs), e),
  ReLU: (layer, inputs, e) => {
    const max = layer.config.maxValue;
    if (max !== undefined && max !== null && max !== 6) throw new ConversionError(`layer '${layer.name}' (ReLU): maxValue ${String(max)} is not supported (only none or 6)`);
    return applyActivation(layer, max === 6 ? 'relu6' : 'relu', single(layer, inputs), e);
  },
  Softmax: (layer, inputs, e) => {
    const axis = layer.config.axis;
    if (axis !== undefined && axis !== -1 && axis !== layer.outputShape.length) throw new ConversionError(`layer '${layer.name}' (Softmax): only the last axis is supported`);
    return applyActivation(layer, 'softmax', single(layer, inputs), e);
  },
  Add: (layer, inputs, e) => {
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind: 'add', inputs, output: out, axis: 0, activation: 'NONE' });
    return out;
  },
  Concatenate: (layer, inputs, e) => {
    const rank = layer.outputShape.length + 1;
    const raw = (layer.config.axis as number | undefined) ?? -1;
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind: 'concat', inputs, output: out, axis: raw < 0 ? raw + rank : raw, activation: 'NONE' });
    return out;
  },
};

/** The IR of a model record: tensor 0 is the float input [1, ...inputShape]. */
export function layersToIr(model: ModelRecord): IrGraph {
  const g: IrGraph = { tensors: [], ops: [], input: 0, output: 0 };
  const e: Emit = {
    tensor: (name, shape, source) => g.tensors.push({ name, shape, source }) - 1,
    op: (op) => void g.ops.push(op),
    shapeOf: (t) => g.tensors[t].shape,
  };
  const byLayer = new Map<string, number>();
  byLayer.set(model.inputName, e.tensor(model.inputName, [1, ...model.inputShape], model.inputName));
  for (const layer of model.layers) {
    const inputs = layer.inbound.map((name) => {
      const t = byLayer.get(name);
      if (t === undefined) throw new ConversionError(`layer '${layer.name}' reads '${name}', which is not converted before it`);
      return t;
    });
    if (IDENTITY.has(layer.className)) {
      byLayer.set(layer.name, single(layer, inputs));
      continue;
    }
    const translate = TRANSLATORS[layer.className];
    if (!translate) {
      throw new ConversionError(`layer '${layer.name}' of class ${layer.className} is not supported by the converter (supported: ${[...Object.keys(TRANSLATORS), ...IDENTITY].join(', ')})`);
    }
    byLayer.set(layer.name, translate(layer, inputs, e));
  }
  const out = byLayer.get(model.outputName);
  if (out === undefined) throw new ConversionError(`model output layer '${model.outputName}' was not converted`);
  g.output = out;
  return g;
}
