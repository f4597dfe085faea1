/**
 * Layers that move data without arithmetic: Reshape/Flatten (RESHAPE), Permute (TRANSPOSE), RepeatVector
 * (RESHAPE + TILE), ZeroPadding2D (PAD), Cropping2D (SLICE), UpSampling2D and Resizing (RESIZE_*).
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { Translator } from './layers_to_ir.js';
import { requireChannelsLast, single } from './layout.js';
import { Lowering } from './lower.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

const reshape: Translator = (layer, inputs, e) => {
  // A channelsFirst Flatten transposes before flattening; only the channelsLast order is a plain RESHAPE.
  requireChannelsLast(layer);
  const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'reshape', inputs: [single(layer, inputs)], output: out });
  return out;
};

/** [[top, bottom], [left, right]] from a Keras padding/cropping config (a number, a pair, or a pair of pairs). */
function edges2d(layer: LayerRecord, v: unknown): [[number, number], [number, number]] {
  if (typeof v === 'number') return [[v, v], [v, v]];
  if (Array.isArray(v) && v.length === 2) {
    if (typeof v[0] === 'number' && typeof v[1] === 'number') return [[v[0], v[0]], [v[1], v[1]]];
    if (Array.isArray(v[0]) && Array.isArray(v[1])) return [[Number(v[0][0]), Number(v[0][1])], [Number(v[1][0]), Number(v[1][1])]];
  }
  throw new ConversionError(`layer '${layer.name}' (${layer.className}): cannot read ${JSON.stringify(v)} as 2D edges`);
}

/** RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR to `size` with TF.js's corner conventions. */
function resize(l: Lowering, x: number, size: [number, number], interpolation: unknown, alignCorners: boolean, halfPixelCenters = false): number {
  const [, , , c] = l.shape(x);
  const shape = [1, size[0], size[1], c];
  const sizeT = l.ints(size);
  if (interpolation === 'bilinear') return l.op(BuiltinOp.RESIZE_BILINEAR, [x, sizeT], shape, { kind: 'ResizeBilinearOptions', alignCorners, halfPixelCenters }, l.layer.name);
  if (interpolation === 'nearest') return l.op(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, [x, sizeT], shape, { kind: 'ResizeNearestNeighborOptions', alignCorners, halfPixelCenters }, l.layer.name);
  throw new ConversionError(`layer '${l.layer.name}' (${l.layer.className}): interpolation '${String(interpolation)}' is not supported (nearest, bilinear)`);
}

/** [left, right] from a Keras 1D padding/cropping config (a number or a pair). */
function edges1d(layer: LayerRecord, v: unknown): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  throw new ConversionError(`layer '${layer.name}' (${layer.className}): cannot read ${JSON.stringify(v)} as 1D edges`);
}

/**
 * The 1D layers Keras has and TF.js does not register (a Keras model carrying them needs them registered
 * as custom classes to load): ZeroPadding1D (PAD), Cropping1D (SLICE), UpSampling1D (each step repeated:
 * RESHAPE [1,W,1,C], TILE, RESHAPE).
 */
const ONE_D: Record<string, Translator> = {
  ZeroPadding1D: (layer, inputs, e) => {
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    const [, w, c] = e.shapeOf(x);
    const [left, right] = edges1d(layer, layer.config.padding ?? 1);
    return l.op(BuiltinOp.PAD, [x, l.ints([0, 0, left, right, 0, 0], [3, 2])], [1, w + left + right, c], null, layer.name);
  },
  Cropping1D: (layer, inputs, e) => {
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    const [, w, c] = e.shapeOf(x);
    const [left, right] = edges1d(layer, layer.config.cropping ?? 1);
    const shape = [1, w - left - right, c];
    return l.op(BuiltinOp.SLICE, [x, l.ints([0, left, 0]), l.ints(shape)], shape, null, layer.name);
  },
  UpSampling1D: (layer, inputs, e) => {
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    const [, w, c] = e.shapeOf(x);
    const n = Number(layer.config.size ?? 2);
    const tiled = l.op(BuiltinOp.TILE, [l.reshape(x, [1, w, 1, c]), l.ints([1, 1, n, 1])], [1, w, n, c]);
    return l.reshape(tiled, [1, w * n, c]);
  },
};

export const SHAPE_LAYERS: Record<string, Translator> = {
  ...ONE_D,
  Flatten: reshape,
  Reshape: reshape,
  Permute: (layer, inputs, e) => {
    const dims = layer.config.dims as number[];
    return new Lowering(layer, e).transpose(single(layer, inputs), [0, ...dims]);
  },
  RepeatVector: (layer, inputs, e) => {
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    const [, f] = e.shapeOf(x);
    const n = Number(layer.config.n);
    return l.op(BuiltinOp.TILE, [l.reshape(x, [1, 1, f]), l.ints([1, n, 1])], [1, n, f], null, layer.name);
  },
  ZeroPadding2D: (layer, inputs, e) => {
    requireChannelsLast(layer);
    const l = new Lowering(layer, e);
    const [[t, b], [left, r]] = edges2d(layer, layer.config.padding);
    return l.op(BuiltinOp.PAD, [single(layer, inputs), l.ints([0, 0, t, b, left, r, 0, 0], [4, 2])], [1, ...layer.outputShape], null, layer.name);
  },
  Cropping2D: (layer, inputs, e) => {
    requireChannelsLast(layer);
    const l = new Lowering(layer, e);
    const [[t], [left]] = edges2d(layer, layer.config.cropping);
    const shape = [1, ...layer.outputShape];
    return l.op(BuiltinOp.SLICE, [single(layer, inputs), l.ints([0, t, left, 0]), l.ints(shape)], shape, null, layer.name);
  },
  UpSampling2D: (layer, inputs, e) => {
    requireChannelsLast(layer);
    const [h, w] = layer.outputShape;
    return resize(new Lowering(layer, e), single(layer, inputs), [h, w], layer.config.interpolation ?? 'nearest', false);
  },
  Resizing: (layer, inputs, e) => {
    // Keras's semantics (tf.image.resize: half-pixel centers). TF.js's own Resizing layer cannot run inside a
    // model (its output shape drops the batch axis), so the Keras model the layer came from is the reference.
    if (layer.config.cropToAspectRatio === true) throw new ConversionError(`layer '${layer.name}' (Resizing): cropToAspectRatio is not supported`);
    const size: [number, number] = [Number(layer.config.height), Number(layer.config.width)];
    return resize(new Lowering(layer, e), single(layer, inputs), size, layer.config.interpolation ?? 'bilinear', false, true);
  },
};
