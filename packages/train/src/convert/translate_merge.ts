/**
 * Merge layers of N inputs. TFLite's ADD, MUL, MAXIMUM and MINIMUM take exactly two inputs, so N inputs are
 * chained ((a ∘ b) ∘ c) ∘ …; Average is that sum times 1/N; Concatenate is one CONCATENATION.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { Translator } from './layers_to_ir.js';
import { axisOf } from './layout.js';
import { broadcastShape, Lowering } from './lower.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

function atLeastTwo(layer: LayerRecord, inputs: number[]): void {
  if (inputs.length < 2) throw new ConversionError(`layer '${layer.name}' (${layer.className}) needs at least two inputs, got ${inputs.length}`);
}

/** The IR's own two-input add (folding fuses a following RELU into it, int8 knows it). */
const add: Translator = (layer, inputs, e) => {
  atLeastTwo(layer, inputs);
  let acc = inputs[0];
  for (let k = 1; k < inputs.length; k++) {
    const shape = broadcastShape(e.shapeOf(acc), e.shapeOf(inputs[k]), `layer '${layer.name}'`);
    const out = e.tensor(k === inputs.length - 1 ? layer.name : `${layer.name}/add${k}`, shape, layer.name);
    e.op({ kind: 'add', inputs: [acc, inputs[k]], output: out, axis: 0, activation: 'NONE' });
    acc = out;
  }
  return acc;
};

function chain(opcode: number): Translator {
  return (layer, inputs, e) => {
    atLeastTwo(layer, inputs);
    const l = new Lowering(layer, e);
    return inputs.slice(1).reduce((acc, t) => l.binary(opcode, acc, t), inputs[0]);
  };
}

/**
 * Dot of two rank-2 or two rank-3 tensors: rank 2 (axes 1, 1) is MUL then SUM over the features; rank 3 is
 * BATCH_MATMUL, the contracted axes choosing its adjoint flags. normalize (cosine) is refused.
 */
const dot: Translator = (layer, inputs, e) => {
  if (inputs.length !== 2) throw new ConversionError(`layer '${layer.name}' (Dot) needs exactly two inputs, got ${inputs.length}`);
  if (layer.config.normalize === true) throw new ConversionError(`layer '${layer.name}' (Dot): normalize is not supported`);
  const [a, b] = inputs;
  const rank = e.shapeOf(a).length;
  const raw = layer.config.axes;
  const axes = (Array.isArray(raw) ? raw : [raw, raw]).map((x) => (Number(x) < 0 ? Number(x) + rank : Number(x)));
  const l = new Lowering(layer, e);
  if (rank !== e.shapeOf(b).length || (rank !== 2 && rank !== 3)) throw new ConversionError(`layer '${layer.name}' (Dot): only two rank-2 or two rank-3 inputs are supported`);
  if (rank === 2) return l.op(BuiltinOp.SUM, [l.binary(BuiltinOp.MUL, a, b), l.ints([1])], [1, 1], { kind: 'ReducerOptions', keepDims: true }, layer.name);
  return l.op(BuiltinOp.BATCH_MATMUL, [a, b], [1, ...layer.outputShape], { kind: 'BatchMatMulOptions', adjX: axes[0] === 1, adjY: axes[1] === 2, asymmetricQuantizeInputs: false }, layer.name);
};

export const MERGE_LAYERS: Record<string, Translator> = {
  Dot: dot,
  Add: add,
  Multiply: chain(BuiltinOp.MUL),
  Maximum: chain(BuiltinOp.MAXIMUM),
  Minimum: chain(BuiltinOp.MINIMUM),
  Subtract: (layer, inputs, e) => {
    if (inputs.length !== 2) throw new ConversionError(`layer '${layer.name}' (Subtract) needs exactly two inputs, got ${inputs.length}`);
    return new Lowering(layer, e).binary(BuiltinOp.SUB, inputs[0], inputs[1]);
  },
  Average: (layer, inputs, e) => {
    const sum = add({ ...layer, name: `${layer.name}/sum` }, inputs, e);
    const l = new Lowering(layer, e);
    return l.binary(BuiltinOp.MUL, sum, l.scalar(1 / inputs.length));
  },
  Concatenate: (layer, inputs, e) => {
    atLeastTwo(layer, inputs);
    const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
    e.op({ kind: 'concat', inputs, output: out, axis: axisOf(layer, layer.config.axis, layer.outputShape.length + 1), activation: 'NONE' });
    return out;
  },
};
