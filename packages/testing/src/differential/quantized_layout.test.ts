/**
 * Layout ops on int8 / uint8 / int16 through the Interpreter: against LiteRT.js at the edges of the
 * quantization (quantized_layout.ts), plus independent checks of what moving elements must preserve.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { Interpreter } from '@tflite-lambda/runtime';
import { CaseBuilder } from './case_builder.js';
import { spec } from './families/element_type.js';
import { defineDifferentialTests } from './harness.js';
import { EDGE_TYPES, quantizedLayoutEdgesFamily } from './quantized_layout.js';
import { QUANTIZED_LAYOUT_SUITE } from './suites.js';
import { i32 } from './random_data.js';
import { Rng } from './rng.js';

defineDifferentialTests(QUANTIZED_LAYOUT_SUITE.title, QUANTIZED_LAYOUT_SUITE.families, QUANTIZED_LAYOUT_SUITE.seed);

test('quantized PAD fills with the zero point and keeps the interior, for each dtype and zero point', () => {
  const rng = new Rng(7);
  for (const e of EDGE_TYPES) {
    const b = new CaseBuilder();
    const x = b.input(spec(e, [2, 3]), e.values(rng, [2, 3]));
    const pads = b.constant({ dtype: 'int32', shape: [2, 2] }, i32([1, 0, 0, 2]));
    const y = b.output(spec(e, [3, 5]));
    b.op(BuiltinOp.PAD, [x, pads], [y]);
    const c = b.build('pad');
    const it = Interpreter.loadSync(c.model);
    it.allocateTensors();
    it.setTensor(it.getInputDetails()[0]!.index, c.inputs[0]!.data);
    it.invoke();
    const out = Array.from(it.getTensor(it.getOutputDetails()[0]!.index) as Int8Array);
    const input = Array.from(c.inputs[0]!.data as Int8Array);
    const z = e.quantization!.zeroPoint[0]!;
    // Row 0 is padding; rows 1–2 hold the input then two padded columns.
    const expected = [z, z, z, z, z, ...input.slice(0, 3), z, z, ...input.slice(3), z, z];
    assert.deepEqual(out, expected, `${e.dtype} zero point ${z}`);
  }
});

test('quantized layout outputs report the input quantization through a chain of layout ops', () => {
  const cases = quantizedLayoutEdgesFamily.cases(1).filter((c) => c.name.includes('chain'));
  assert.equal(cases.length, EDGE_TYPES.length);
  cases.forEach((c, k) => {
    const it = Interpreter.loadSync(c.model);
    it.allocateTensors();
    const q = EDGE_TYPES[k]!.quantization!;
    assert.deepEqual(it.getOutputDetails()[0]!.quantization.scale, q.scale);
    assert.deepEqual(it.getOutputDetails()[0]!.quantization.zeroPoint, q.zeroPoint);
    assert.equal(it.getOutputDetails()[0]!.dtype, EDGE_TYPES[k]!.dtype);
  });
});
