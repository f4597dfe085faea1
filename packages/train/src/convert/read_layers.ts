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

export interface ModelInputRecord {
  /** The input layer's name (layers read it through `inbound`). */
  readonly name: string;
  /** Shape without the batch dimension (NHWC for images). */
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
}

export interface ModelRecord {
  /** Model inputs in signature order. */
  readonly inputs: ModelInputRecord[];
  /** Names of the layers whose outputs are the model outputs, in signature order. */
  readonly outputs: string[];
  /** In topological order. */
  readonly layers: LayerRecord[];
  /**
   * Set when the model has unknown (null) dimensions and no sequence length was given: what is unknown. The
   * record then carries length 1 in their place so the layers can still be checked before refusing.
   */
  readonly unknownLength?: string;
}

export interface ReadOptions {
  /** The length that replaces unknown (null) non-batch dimensions: a text model's sequence length. */
  readonly sequenceLength?: number;
}

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

function shortName(weightName: string): string {
  const parts = weightName.split('/');
  const base = parts[parts.length - 1].replace(/_\d+$/, '').replace(/:\d+$/, '');
  // Bidirectional holds two copies of its layer's weights, under forward_… and backward_… scopes.
  const direction = parts.slice(0, -1).reverse().find((p) => p.startsWith('forward_') || p.startsWith('backward_'));
  return direction ? `${direction.slice(0, direction.indexOf('_'))}/${base}` : base;
}

/** The shape without its batch dimension; unknown dimensions take the sequence length (or 1, noted in `unknown`). */
function withoutBatch(shape: readonly (number | null)[], what: string, opts: ReadOptions, unknown: string[]): number[] {
  const rest = shape.slice(1);
  if (rest.some((d) => d === null)) {
    if (opts.sequenceLength === undefined) unknown.push(`${what} has shape [${shape.map((d) => d ?? 'null').join(',')}]`);
    return rest.map((d) => d ?? opts.sequenceLength ?? 1);
  }
  return rest as number[];
}

/** Token ids: an input read only by Embedding layers is declared int32 whatever TF.js's float input says. */
function feedsOnlyEmbeddings(name: string, layers: readonly LayerRecord[]): boolean {
  const readers = layers.filter((l) => l.inbound.includes(name));
  return readers.length > 0 && readers.every((l) => l.className === 'Embedding');
}

function inputDType(dtype: string, name: string): 'float32' | 'int32' {
  if (dtype === 'float32' || dtype === 'int32') return dtype;
  throw new ConversionError(`model input '${name}' has dtype ${dtype}; only float32 and int32 inputs convert`);
}

export function readLayersModel(model: LayersModel, opts: ReadOptions = {}): ModelRecord {
  const layers: LayerRecord[] = [];
  const unknown: string[] = [];
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
      outputShape: withoutBatch(outShape as (number | null)[], `layer '${layer.name}'`, opts, unknown),
    });
  }
  return {
    inputs: model.inputs.map((t) => ({
      name: t.sourceLayer.name,
      shape: withoutBatch(t.shape, `model input '${t.sourceLayer.name}'`, opts, unknown),
      dtype: feedsOnlyEmbeddings(t.sourceLayer.name, layers) ? 'int32' : inputDType(t.dtype, t.sourceLayer.name),
    })),
    outputs: model.outputs.map((t) => t.sourceLayer.name),
    layers,
    ...(unknown.length > 0 ? { unknownLength: unknown[unknown.length - 1] } : {}),
  };
}
