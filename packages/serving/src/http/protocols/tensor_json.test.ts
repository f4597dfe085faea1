import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { float16BitsToNumber } from '@tflite-lambda/runtime/internal';
import { flatten, jsonFromTyped, nest, numberToFloat16Bits, shapeOf, typedFromJson } from './tensor_json.js';

describe('tensor JSON', () => {
  it('encodes float16 by rounding to the nearest half, ties to even, with subnormals and overflow', () => {
    const cases: [number, number][] = [
      [1, 0x3c00], [-2, 0xc000], [65504, 0x7bff], [1e6, 0x7c00], [2 ** -24, 0x0001], [2 ** -25, 0x0000],
      [1 + 2 ** -11, 0x3c00], [1 + 3 * 2 ** -11, 0x3c02], [0.1, 0x2e66],
    ];
    for (const [x, bits] of cases) assert.equal(numberToFloat16Bits(x), bits, `${x}`);
    for (const bits of [0x0001, 0x03ff, 0x0400, 0x3555, 0x7bff, 0xfbff]) assert.equal(numberToFloat16Bits(float16BitsToNumber(bits)), bits);
  });
  it('checks integer ranges and booleans', () => {
    assert.deepEqual([...typedFromJson('uint8', [3], [0, 7, 255], 'x')], [0, 7, 255]);
    assert.throws(() => typedFromJson('uint8', [1], [256], 'x'), /is not a uint8/);
    assert.throws(() => typedFromJson('int8', [1], [-3.5], 'x'), /is not a int8/);
    assert.deepEqual([...typedFromJson('bool', [3], [true, 0, 1], 'x')], [1, 0, 1]);
    assert.throws(() => typedFromJson('bool', [1], ['yes'], 'x'), /BOOL takes/);
    assert.deepEqual(jsonFromTyped('bool', new Uint8Array([1, 0])), [true, false]);
    assert.deepEqual(jsonFromTyped('int64', BigInt64Array.from([5n, -3n])), [5, -3]);
  });
  it('infers shapes from rectangular nesting and refuses ragged arrays', () => {
    assert.deepEqual(shapeOf([[1, 2], [3, 4], [5, 6]], 'x'), [3, 2]);
    assert.deepEqual(shapeOf(7, 'x'), []);
    assert.throws(() => shapeOf([[1, 2], [3]], 'x'), /not rectangular/);
    assert.deepEqual(flatten([[1, [2]], 3], 'x', 10), [1, 2, 3]);
    assert.throws(() => flatten(Array.from({ length: 11 }, () => 0), 'x', 10), /more than 10 values/);
  });
  it('nests flat values to a shape', () => {
    assert.deepEqual(nest([1, 2, 3, 4, 5, 6], [2, 3]), [[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(nest([9], []), 9);
  });
});
