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

export const MERGE_LAYERS: Record<string, Translator> = {
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
