/**
 * Reads a TF.js LayersModel into plain records: class name, config, named weights and the names of the
 * layers feeding it. Nothing after this file touches TF.js objects.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { serialization } from '@tensorflow/tfjs-core';

export interface LayerWeight {
  readonly data: Float32Array;
  readonly shape: number[];
}

export interface LayerRecord {
  readonly name: string;
  readonly className: string;
  readonly config: serialization.ConfigDict;
  /** Keyed by the weight's short name: kernel, bias, depthwise_kernel, gamma, moving_mean, ... */
  readonly weights: Map<string, LayerWeight>;
  readonly inbound: string[];
  /** Output shape without the batch dimension. */
  readonly outputShape: number[];
}

export interface ModelRecord {
  readonly inputName: string;
  /** Input shape without the batch dimension (NHWC for images). */
  readonly inputShape: number[];
  readonly outputName: string;
  readonly layers: LayerRecord[];
}

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

function shortName(weightName: string): string {
  const base = weightName.slice(weightName.lastIndexOf('/') + 1);
  return base.replace(/_\d+$/, '').replace(/:\d+$/, '');
}

function withoutBatch(shape: readonly (number | null)[], what: string): number[] {
  const rest = shape.slice(1);
  if (rest.some((d) => d === null)) throw new ConversionError(`${what}: shape [${shape.join(',')}] has unknown dimensions`);
  return rest as number[];
}

export function readLayersModel(model: LayersModel): ModelRecord {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new ConversionError(`only single-input single-output models convert (this one has ${model.inputs.length} inputs, ${model.outputs.length} outputs)`);
  }
  const input = model.inputs[0];
  const layers: LayerRecord[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const weights = new Map<string, LayerWeight>();
    for (const w of layer.weights) {
      weights.set(shortName(w.originalName ?? w.name), { data: Float32Array.from(w.read().dataSync()), shape: [...w.shape] as number[] });
    }
    const node = layer.inboundNodes[0];
    const outShape = layer.outputShape;
    if (Array.isArray(outShape[0])) throw new ConversionError(`layer '${layer.name}' has several outputs`);
    layers.push({
      name: layer.name,
      className: layer.getClassName(),
      config: layer.getConfig(),
      weights,
      inbound: node ? node.inboundLayers.map((l) => l.name) : [],
      outputShape: withoutBatch(outShape as (number | null)[], `layer '${layer.name}'`),
    });
  }
  return {
    inputName: input.sourceLayer.name,
    inputShape: withoutBatch(input.shape, 'model input'),
    outputName: model.outputs[0].sourceLayer.name,
    layers,
  };
}
