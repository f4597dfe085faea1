/**
 * Translates layer records into the IR, one translator per TF.js layer class. Activations named in a layer's
 * config become a separate activation op here; the folding passes fuse them where TFLite fuses.
 */
import type { IrDType, IrGraph, IrOp } from './ir.js';
import { ACTIVATION_LAYERS } from './translate_activation.js';
import { MERGE_LAYERS } from './translate_merge.js';
import { POOL_LAYERS } from './translate_pool.js';
import { SHAPE_LAYERS } from './translate_shape.js';
import { ConversionError, type LayerRecord, type ModelRecord } from './read_layers.js';
import { conv1dLayer, conv3dLayer, convLayer, convTransposeLayer, denseLayer, depthwiseLayer, separableLayer } from './translate_conv.js';
import { layerNormalization } from './translate_norm.js';
import { affineLayer } from './translate_affine.js';
import { SEQUENCE_TRANSLATORS } from './translate_recurrent.js';
import { single } from './layout.js';

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

const TRANSLATORS: Record<string, Translator> = {
  ...SEQUENCE_TRANSLATORS,
  Conv1D: conv1dLayer,
  Conv2D: convLayer,
  Conv2DTranspose: convTransposeLayer,
  Conv3D: conv3dLayer,
  DepthwiseConv2D: depthwiseLayer,
  SeparableConv2D: separableLayer,
  Dense: denseLayer,
  BatchNormalization: affineLayer,
  Normalization: affineLayer,
  Rescaling: affineLayer,
  LayerNormalization: layerNormalization,
  ...ACTIVATION_LAYERS,
  ...SHAPE_LAYERS,
  ...MERGE_LAYERS,
  ...POOL_LAYERS,
};

/** The translator of a layer class (identity layers included), for wrappers such as TimeDistributed. */
export function translatorFor(className: string): Translator | undefined {
  return IDENTITY.has(className) ? (layer, inputs) => single(layer, inputs) : TRANSLATORS[className];
}

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
