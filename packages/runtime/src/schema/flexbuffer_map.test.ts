import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';
import { ModelFormatError } from '../core/errors.js';
import { flexMap } from './builder/flexbuffer_map.js';
import { readFlexMap } from './flexbuffer_map.js';

test('flexMap writes what readFlexMap reads: integers, negatives, floats, booleans, keys in any order', () => {
  const entries = { num_classes: 90, y_scale: 10, nms_iou_threshold: 0.6, offset: -3, use_regular_nms: true, zero: 0, big: 2 ** 40 };
  const m = readFlexMap(flexMap(entries), 'test');
  assert.deepEqual(Object.fromEntries(m), entries);
});

test('reads maps written by another FlexBuffers encoder with narrower slots (the flatbuffers package, 1-4 byte widths)', () => {
  // Uniform widths only: that encoder mis-sizes mixed-width maps, which no C++-written model contains.
  const small = encode({ a: 3, b: -2, c: true });
  assert.deepEqual(Object.fromEntries(readFlexMap(small, 'small')), { a: 3, b: -2, c: true });
  const floats = encode({ x_scale: 10.5, y_scale: 0.25 });
  assert.deepEqual(Object.fromEntries(readFlexMap(floats, 'floats')), { x_scale: 10.5, y_scale: 0.25 });
  const withString = encode({ name: 'ssd', n: 7 });
  assert.deepEqual(Object.fromEntries(readFlexMap(withString, 'string')), { name: 'ssd', n: 7 });
});

test('malformed or non-map buffers are ModelFormatErrors naming what was read', () => {
  assert.throws(() => readFlexMap(new Uint8Array([1]), 'opts'), (e: unknown) => e instanceof ModelFormatError && /opts: malformed FlexBuffer/.test(e.message));
  assert.throws(() => readFlexMap(encode(5), 'opts'), /not a map/);
  const truncated = flexMap({ a: 1, b: 2 }).subarray(20);
  assert.throws(() => readFlexMap(truncated, 'opts'), ModelFormatError);
});

test('number vectors are read as arrays: typed, fixed-length typed (the flatbuffers encoder) and boolean', () => {
  const m = readFlexMap(encode({ idx: [1, 2, 300], pair: [0.5, 1.5], many: [7, 8, 9, 10, 11], flags: [true, false], n: 4 }), 'v');
  assert.deepEqual(Object.fromEntries(m), { idx: [1, 2, 300], pair: [0.5, 1.5], many: [7, 8, 9, 10, 11], flags: [1, 0], n: 4 });
});

test('flexMap writes int and float vectors (empty too) that readFlexMap reads back', () => {
  const entries = { subset_idxs: [61, 146, -3], weights: [0.25, 2], none: [], scale_x: 1.5 };
  assert.deepEqual(Object.fromEntries(readFlexMap(flexMap(entries), 'v')), entries);
});

test('vectors of strings are left out rather than misread', () => {
  assert.deepEqual(Object.fromEntries(readFlexMap(encode({ names: ['a', 'b'], k: 1 }), 'v')), { k: 1 });
});
