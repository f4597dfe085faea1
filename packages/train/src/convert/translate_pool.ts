/**
 * Pooling layers. 1D pooling runs as 2D pooling on [1,1,W,C] between two RESHAPEs (TF's converter does the
 * same with EXPAND_DIMS/SQUEEZE); global pooling is MEAN or REDUCE_MAX over the spatial axes.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { Emit, Translator } from './layers_to_ir.js';
import { pair, paddingOf, requireChannelsLast, single } from './layout.js';
import { Lowering } from './lower.js';
import type { LayerRecord } from './read_layers.js';

function pool2d(kind: 'maxpool' | 'avgpool'): Translator {
  return (layer, inputs, e) => {
    requireChannelsLast(layer);
    const size = pair(layer.config.poolSize, `${layer.name}.poolSize`);
    const strides = layer.config.strides ? pair(layer.config.strides, `${layer.name}.strides`) : size;
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind, inputs: [single(layer, inputs)], output: out, size, strides, padding: paddingOf(layer) });
    return out;
  };
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function pool1d(kind: 'maxpool' | 'avgpool'): Translator {
  return (layer, inputs, e) => {
    requireChannelsLast(layer);
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    const [, w, c] = e.shapeOf(x);
    const k = Number(first(layer.config.poolSize));
    const s = layer.config.strides ? Number(first(layer.config.strides)) : k;
    const [ow] = layer.outputShape;
    const mid = e.tensor(`${layer.name}/pool`, [1, 1, ow, c], layer.name);
    e.op({ kind, inputs: [l.reshape(x, [1, 1, w, c])], output: mid, size: [1, k], strides: [1, s], padding: paddingOf(layer) });
    return l.reshape(mid, [1, ...layer.outputShape]);
  };
}

/** MEAN / REDUCE_MAX over axes 1..rank−2 (the spatial ones), keeping them as 1s if the layer keeps dims. */
function globalPool(opcode: number): Translator {
  return (layer: LayerRecord, inputs: number[], e: Emit) => {
    requireChannelsLast(layer);
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    const rank = e.shapeOf(x).length;
    const axes = Array.from({ length: rank - 2 }, (_, i) => i + 1);
    const keepDims = layer.outputShape.length + 1 === rank;
    if (opcode === BuiltinOp.MEAN && rank === 4 && !keepDims) {
      const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
      e.op({ kind: 'mean', inputs: [x], output: out });
      return out;
    }
    return l.op(opcode, [x, l.ints(axes)], [1, ...layer.outputShape], { kind: 'ReducerOptions', keepDims }, layer.name);
  };
}

export const POOL_LAYERS: Record<string, Translator> = {
  MaxPooling1D: pool1d('maxpool'),
  AveragePooling1D: pool1d('avgpool'),
  MaxPooling2D: pool2d('maxpool'),
  AveragePooling2D: pool2d('avgpool'),
  GlobalAveragePooling1D: globalPool(BuiltinOp.MEAN),
  GlobalAveragePooling2D: globalPool(BuiltinOp.MEAN),
  GlobalMaxPooling1D: globalPool(BuiltinOp.REDUCE_MAX),
  GlobalMaxPooling2D: globalPool(BuiltinOp.REDUCE_MAX),
};
