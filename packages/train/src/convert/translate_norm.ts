/**
 * LayerNormalization decomposed as TF's converter emits it: mean = MEAN(x), var = MEAN(SQUARED_DIFFERENCE(x,
 * mean)), y = (x − mean)·RSQRT(var + ε)·γ + β, reducing over the layer's axes (kept as 1s for broadcasting).
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { Emit } from './layers_to_ir.js';
import { single } from './layout.js';
import { Lowering } from './lower.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

export function layerNormalization(layer: LayerRecord, inputs: number[], e: Emit): number {
  const l = new Lowering(layer, e);
  const x = single(layer, inputs);
  const shape = e.shapeOf(x);
  const rank = shape.length;
  const raw = layer.config.axis ?? -1;
  const axes = (Array.isArray(raw) ? raw : [raw]).map((a) => (Number(a) < 0 ? Number(a) + rank : Number(a)));
  if (axes.some((a) => !Number.isInteger(a) || a <= 0 || a >= rank)) throw new ConversionError(`layer '${layer.name}' (LayerNormalization): axis ${JSON.stringify(raw)} is not supported`);
  const reduced = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const mean = l.op(BuiltinOp.MEAN, [x, l.ints(axes)], reduced, { kind: 'ReducerOptions', keepDims: true });
  const variance = l.op(BuiltinOp.MEAN, [l.binary(BuiltinOp.SQUARED_DIFFERENCE, x, mean), l.ints(axes)], reduced, { kind: 'ReducerOptions', keepDims: true });
  const eps = typeof layer.config.epsilon === 'number' ? layer.config.epsilon : 1e-3;
  const inv = l.unary(BuiltinOp.RSQRT, l.binary(BuiltinOp.ADD, variance, l.scalar(eps)));
  let y = l.binary(BuiltinOp.MUL, l.binary(BuiltinOp.SUB, x, mean), inv);
  // γ and β have the shape of the normalized axes; as constants they broadcast from the trailing dims.
  const paramShape = shape.slice(Math.min(...axes)).map((d, i) => (axes.includes(i + Math.min(...axes)) ? d : 1));
  const gamma = layer.weights.get('gamma');
  const beta = layer.weights.get('beta');
  if (gamma) y = l.binary(BuiltinOp.MUL, y, l.floats(gamma.data, paramShape));
  if (beta) y = l.binary(BuiltinOp.ADD, y, l.floats(beta.data, paramShape));
  return y;
}
