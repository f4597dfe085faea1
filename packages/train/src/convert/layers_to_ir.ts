/**
 * Translates layer records into the IR, one translator per TF.js layer class. Activations named in a layer's
 * config become a separate activation op here; the folding passes fuse them where TFLite fuses.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { ActivationFn, IrDType, IrGraph, IrOp } from './ir.js';
import { ConversionError, type LayerRecord, type ModelRecord } from './read_layers.js';
import { convLayer, denseLayer, depthwiseLayer, separableLayer } from './translate_conv.js';
import { affineLayer } from './translate_affine.js';
import { SEQUENCE_TRANSLATORS } from './translate_recurrent.js';
import { pair, paddingOf, requireChannelsLast } from './layout.js';

export interface Emit {
  /** Adds an op's output tensor (float32 unless said) and returns its id. */
  tensor(name: string, shape: number[], source: string, dtype?: IrDType): number;
  /** Adds a constant operand (int32 data for shapes/axes, float32 for values) and returns its id. */
  constant(name: string, data: Float32Array | Int32Array, shape: number[], source: string): number;
  /** Adds a variable tensor (float32 recurrent state) and returns its id. */
  variable(name: string, shape: number[], source: string): number;
  op(op: IrOp): void;
  shapeOf(t: number): number[];
  dtypeOf(t: number): IrDType;
}

export type Translator = (layer: LayerRecord, inputs: number[], e: Emit) => number;

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
  e.op({ kind: 'activation', inputs: [t], output: out, fn });
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
    e.op({ kind, inputs: [single(layer, inputs)], output: out, size, strides, padding: paddingOf(layer) });
    return out;
  };
}

const reshape: Translator = (layer, inputs, e) => {
  const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'reshape', inputs: [single(layer, inputs)], output: out });
  return out;
};

const TRANSLATORS: Record<string, Translator> = {
  ...SEQUENCE_TRANSLATORS,
  Conv2D: convLayer,
  DepthwiseConv2D: depthwiseLayer,
  SeparableConv2D: separableLayer,
  Dense: denseLayer,
  MaxPooling2D: pool('maxpool'),
  AveragePooling2D: pool('avgpool'),
  GlobalAveragePooling2D: (layer, inputs, e) => {
    requireChannelsLast(layer);
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind: 'mean', inputs: [single(layer, inputs)], output: out });
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
  LeakyReLU: (layer, inputs, e) => {
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    const alpha = (layer.config.alpha as number | undefined) ?? 0.3;
    e.op({ kind: 'builtin', opcode: BuiltinOp.LEAKY_RELU, options: { kind: 'LeakyReluOptions', alpha }, inputs: [single(layer, inputs)], output: out, int8: 'calibrated' });
    return out;
  },
  Softmax: (layer, inputs, e) => {
    const axis = layer.config.axis;
    if (axis !== undefined && axis !== -1 && axis !== layer.outputShape.length) throw new ConversionError(`layer '${layer.name}' (Softmax): only the last axis is supported`);
    return applyActivation(layer, 'softmax', single(layer, inputs), e);
  },
  Add: (layer, inputs, e) => {
    // TFLite's ADD takes exactly two inputs: N inputs become a chain ((a + b) + c) + ….
    if (inputs.length < 2) throw new ConversionError(`layer '${layer.name}' (Add) needs at least two inputs, got ${inputs.length}`);
    let acc = inputs[0];
    for (let k = 1; k < inputs.length; k++) {
      const out = e.tensor(k === inputs.length - 1 ? layer.name : `${layer.name}/add${k}`, [1, ...layer.outputShape], layer.name);
      e.op({ kind: 'add', inputs: [acc, inputs[k]], output: out, axis: 0, activation: 'NONE' });
      acc = out;
    }
    return acc;
  },
  Concatenate: (layer, inputs, e) => {
    const rank = layer.outputShape.length + 1;
    const raw = (layer.config.axis as number | undefined) ?? -1;
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind: 'concat', inputs, output: out, axis: raw < 0 ? raw + rank : raw, activation: 'NONE' });
    return out;
  },
};

/** The IR of a model record: its inputs are the graph inputs ([1, ...shape]), its outputs the graph outputs. */
export function layersToIr(model: ModelRecord): IrGraph {
  const g: IrGraph = { tensors: [], ops: [], inputs: [], outputs: [] };
  const e: Emit = {
    tensor: (name, shape, source, dtype = 'float32') => g.tensors.push({ name, shape, source, dtype }) - 1,
    constant: (name, data, shape, source) => g.tensors.push({ name, shape, source, dtype: data instanceof Int32Array ? 'int32' : 'float32', data }) - 1,
    variable: (name, shape, source) => g.tensors.push({ name, shape, source, dtype: 'float32', variable: true }) - 1,
    op: (op) => void g.ops.push(op),
    shapeOf: (t) => g.tensors[t].shape,
    dtypeOf: (t) => g.tensors[t].dtype,
  };
  const byLayer = new Map<string, number>();
  for (const input of model.inputs) {
    const t = e.tensor(input.name, [1, ...input.shape], input.name, input.dtype);
    byLayer.set(input.name, t);
    g.inputs.push(t);
  }
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
  for (const name of model.outputs) {
    const out = byLayer.get(name);
    if (out === undefined) throw new ConversionError(`model output layer '${name}' was not converted`);
    g.outputs.push(out);
  }
  return g;
}
