import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError, TensorError } from './errors.js';
import { decodeStringBuffer, encodeStringBuffer, StringArray, stringsFromCaller, utf8Bytes } from './string_data.js';

test('the string buffer is count, offsets from the buffer start, then the bytes', () => {
  const bytes = encodeStringBuffer([utf8Bytes('ab'), utf8Bytes(''), utf8Bytes('é')]);
  const words = new Int32Array(bytes.buffer, 0, 5);
  assert.deepEqual([...words], [3, 20, 22, 22, 24]);
  assert.equal(bytes.byteLength, 24);
  assert.deepEqual(decodeStringBuffer(bytes, 3, 't').toStrings(), ['ab', '', 'é']);
});

test('a buffer whose count or offsets disagree with the tensor fails naming it', () => {
  const bytes = encodeStringBuffer([utf8Bytes('x')]);
  assert.throws(() => decodeStringBuffer(bytes, 2, "tensor 4 'names'"), (e) => e instanceof ModelFormatError && /tensor 4 'names'/.test(e.message));
  const broken = bytes.slice();
  new DataView(broken.buffer).setInt32(8, 99, true);
  assert.throws(() => decodeStringBuffer(broken, 1, 't'), ModelFormatError);
  assert.throws(() => decodeStringBuffer(new Uint8Array(2), 0, 't'), ModelFormatError);
});

test('slice keeps the strings, which the placeholder bytes alone would lose', () => {
  const a = StringArray.fromStrings(['one', 'two', 'three']);
  const b = a.slice(1);
  assert.ok(b instanceof StringArray);
  assert.deepEqual(b.toStrings(), ['two', 'three']);
});

test('callers must pass exactly one string per element', () => {
  assert.deepEqual(stringsFromCaller(['a', 'b'], 2, 'set').map((b) => b.length), [1, 1]);
  assert.throws(() => stringsFromCaller(['a'], 2, 'set'), TensorError);
  assert.throws(() => stringsFromCaller([1, 2], 2, 'set'), TensorError);
});
