/**
 * Reads a TF.js LayersModel into plain records: class name, config, named weights and the names of the
 * layers feeding it. Nothing after this file touches TF.js objects.
 */
import { LayersModel, type layers as tfl } from '@tensorflow/tfjs-layers';
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

/** How unknown dimensions are read: the options, and the unknown shapes met (when no length was given). */
interface ShapeContext {
  readonly opts: ReadOptions;
  readonly unknown: string[];
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
function withoutBatch(shape: readonly (number | null)[], what: string, ctx: ShapeContext): number[] {
  const rest = shape.slice(1);
  if (rest.some((d) => d === null)) {
    if (ctx.opts.sequenceLength === undefined) ctx.unknown.push(`${what} has shape [${shape.map((d) => d ?? 'null').join(',')}]`);
    return rest.map((d) => d ?? ctx.opts.sequenceLength ?? 1);
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

type Layer = tfl.Layer;

type Node = Layer['inboundNodes'][number];

/**
 * The record name of a layer's `nodeIndex`-th application: the layer's qualified name for its first one,
 * `name@k` for the others (a shared layer applied k+1 times becomes k+1 records with the same weights).
 */
function nodeName(qualified: string, nodeIndex: number): string {
  return nodeIndex === 0 ? qualified : `${qualified}@${nodeIndex}`;
}

/**
 * The applications of `layer` inside the current model with their index, and the records they read
 * (`known`: every layer of the model by qualified name, nested models' layers included — TF.js's Sequential
 * chains a layer after a nested model to the nested model's inner output layer).
 */
function nodesOf(layer: Layer, known: Map<Layer, string>): { node: Node; index: number; inbound: string[] }[] {
  return layer.inboundNodes
    .map((node, index) => ({ node, index }))
    .filter(({ node }) => node.inboundLayers.length > 0 && node.inboundLayers.every((l) => known.has(l)))
    .map(({ node, index }) => ({ node, index, inbound: node.inboundLayers.map((l, i) => nodeName(known.get(l) ?? l.name, node.nodeIndices[i] ?? 0)) }));
}

/** Qualified names of every layer reachable in `model` (nested models' layers under `<nested>/`). */
function knownLayers(model: LayersModel, prefix: string, known = new Map<Layer, string>()): Map<Layer, string> {
  for (const l of model.layers) {
    if (l instanceof LayersModel) knownLayers(l, `${prefix}${l.name}/`, known);
    known.set(l, prefix + l.name);
  }
  for (const t of model.inputs) known.set(t.sourceLayer, prefix + t.sourceLayer.name);
  return known;
}

function record(layer: Layer, name: string, inbound: string[], node: Node | undefined, ctx: ShapeContext): LayerRecord {
  const weights = new Map<string, LayerWeight>();
  for (const w of layer.weights) {
    weights.set(shortName(w.originalName ?? w.name), { data: Float32Array.from(w.read().dataSync()), shape: [...w.shape] as number[] });
  }
  if (node && node.outputTensors.length > 1) throw new ConversionError(`layer '${name}' of class ${layer.getClassName()} has several outputs`);
  // The application's own output shape (a shared layer may see several); the layer's for an unapplied one.
  const outShape = node ? node.outputTensors[0].shape : layer.outputShape;
  if (Array.isArray(outShape[0])) throw new ConversionError(`layer '${name}' of class ${layer.getClassName()} has several outputs`);
  return { name, className: layer.getClassName(), config: layer.getConfig(), weights, inbound, outputShape: withoutBatch(outShape as (number | null)[], `layer '${name}'`, ctx) };
}

/**
 * Appends the layers of `model` to `out`, names prefixed by `prefix`. A nested model (a Sequential or
 * functional model used as a layer, as Teachable Machine exports are) is inlined: its input layers become
 * aliases of the tensors feeding it, and its own name an alias of its output layer.
 */
function collect(model: LayersModel, prefix: string, alias: Map<string, string>, out: LayerRecord[], ctx: ShapeContext): void {
  const known = knownLayers(model, prefix);
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const name = prefix + layer.name;
    const nodes = nodesOf(layer, known);
    if (!(layer instanceof LayersModel)) {
      if (nodes.length === 0) out.push(record(layer, name, [], undefined, ctx));
      for (const n of nodes) out.push(record(layer, nodeName(name, n.index), n.inbound, n.node, ctx));
      continue;
    }
    if (nodes.length > 1) throw new ConversionError(`nested model '${name}' is applied ${nodes.length} times (a shared model); the converter inlines each nested model once`);
    const inner = `${name}/`;
    // A nested model that is the first layer of a Sequential is not called on anything: its own input layers
    // are the outer model's inputs (TF.js's Sequential adopts them).
    const inbound = nodes.length === 1 ? nodes[0].inbound : layer.inputs.map((t) => known.get(t.sourceLayer) ?? t.sourceLayer.name);
    if (layer.inputs.length !== inbound.length) throw new ConversionError(`nested model '${name}' has ${layer.inputs.length} inputs but is fed ${inbound.length}`);
    if (layer.outputs.length !== 1) throw new ConversionError(`nested model '${name}' has ${layer.outputs.length} outputs; only single-output nested models convert`);
    layer.inputs.forEach((t, k) => {
      if (inner + t.sourceLayer.name !== inbound[k]) alias.set(inner + t.sourceLayer.name, inbound[k]);
    });
    collect(layer, inner, alias, out, ctx);
    // Readers name the nested model by whichever of its nodes they read: every node name means its output.
    const output = nodeName(inner + layer.outputs[0].sourceLayer.name, layer.outputs[0].nodeIndex);
    for (let j = 0; j < layer.inboundNodes.length; j++) alias.set(nodeName(name, j), output);
  }
}

export function readLayersModel(model: LayersModel, opts: ReadOptions = {}): ModelRecord {
  const layers: LayerRecord[] = [];
  const alias = new Map<string, string>();
  const ctx: ShapeContext = { opts, unknown: [] };
  collect(model, '', alias, layers, ctx);
  const resolve = (n: string): string => {
    for (let k = 0; alias.has(n) && k < 1000; k++) n = alias.get(n) ?? n;
    return n;
  };
  const resolved = layers.map((l) => ({ ...l, inbound: l.inbound.map(resolve) }));
  return {
    inputs: model.inputs.map((t) => ({
      name: t.sourceLayer.name,
      shape: withoutBatch(t.shape, `model input '${t.sourceLayer.name}'`, ctx),
      dtype: feedsOnlyEmbeddings(t.sourceLayer.name, resolved) ? 'int32' : inputDType(t.dtype, t.sourceLayer.name),
    })),
    outputs: model.outputs.map((t) => resolve(nodeName(t.sourceLayer.name, t.nodeIndex))),
    layers: resolved,
    ...(ctx.unknown.length > 0 ? { unknownLength: ctx.unknown[ctx.unknown.length - 1] } : {}),
  };
}
