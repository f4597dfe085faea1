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

function layer(name: string, className: string, inbound: string[], config: LayerRecord['config'] = {}, outputShape = [4]): LayerRecord {
  return { name, className, config, weights: new Map(), inbound, outputShape };
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

test('ZeroPadding1D, Cropping1D and UpSampling1D (Keras layers TF.js does not register) pad, crop and repeat steps', () => {
  const bytes = convert({
    inputs: [{ name: 'x', shape: [4, 2], dtype: 'float32' }],
    outputs: ['up'],
    layers: [
      layer('pad', 'ZeroPadding1D', ['x'], { padding: [1, 2] }, [7, 2]),
      layer('crop', 'Cropping1D', ['pad'], { cropping: [2, 1] }, [4, 2]),
      layer('up', 'UpSampling1D', ['crop'], { size: 3 }, [12, 2]),
    ],
  });
  assert.deepEqual(opcodes(bytes), [BuiltinOp.PAD, BuiltinOp.SLICE, BuiltinOp.RESHAPE, BuiltinOp.TILE, BuiltinOp.RESHAPE]);
  const x = Float32Array.from({ length: 8 }, (_, i) => i + 1);
  // Steps of x: [1,2] [3,4] [5,6] [7,8]; padded: 0, s0..s3, 0, 0; cropped [2..6): s1, s2, s3, 0; each three times.
  const steps = [[3, 4], [5, 6], [7, 8], [0, 0]];
  const want = steps.flatMap((s) => [s, s, s]).flat();
  const [ours] = runTfliteMulti(bytes, [x]);
  assert.deepEqual(Array.from(ours), want);
});
