/**
 * Layers and activations a Keras model can carry but TF.js cannot build (Subtract, 'exponential'), translated
 * from hand-written layer records and checked against the formula.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { maxAbsDiff, opcodes, randomInput, runTfliteMulti } from '@tflite-lambda/testing/train';
import { emitModel } from './emit.js';
import { foldGraph } from './fold.js';
import { layersToIr } from './layers_to_ir.js';
import type { LayerRecord, ModelRecord } from './read_layers.js';

function layer(name: string, className: string, inbound: string[], config: LayerRecord['config'] = {}): LayerRecord {
  return { name, className, config, weights: new Map(), inbound, outputShape: [4] };
}

function convert(record: ModelRecord): Uint8Array {
  const g = layersToIr(record);
  foldGraph(g);
  return emitModel(g, { inputType: 'float32', quantize: 'none' }).bytes;
}

const vector = (name: string) => ({ name, shape: [4], dtype: 'float32' as const });

test("Subtract of two inputs is one SUB; activation 'exponential' is EXP", () => {
  const bytes = convert({
    inputs: [vector('a'), vector('b')],
    outputs: ['exp'],
    layers: [layer('diff', 'Subtract', ['a', 'b']), layer('exp', 'Activation', ['diff'], { activation: 'exponential' })],
  });
  assert.deepEqual(opcodes(bytes), [BuiltinOp.SUB, BuiltinOp.EXP]);
  const a = randomInput([1, 4], 1);
  const b = randomInput([1, 4], 2);
  const [ours] = runTfliteMulti(bytes, [a, b]);
  assert.ok(maxAbsDiff(ours, a.map((v, i) => Math.exp(v - b[i]))) <= 1e-5);
});

test('a Subtract of three inputs is refused naming the layer', () => {
  const record: ModelRecord = { inputs: [vector('a'), vector('b'), vector('c')], outputs: ['d'], layers: [layer('d', 'Subtract', ['a', 'b', 'c'])] };
  assert.throws(() => convert(record), /layer 'd' \(Subtract\) needs exactly two inputs, got 3/);
});
