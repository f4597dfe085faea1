import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdxFormatError, readIdx } from './idx.js';
import { loadMnist } from './mnist.js';

/** An idx file: big-endian header (0,0,type,rank), dims, then the bytes. */
function idxBytes(type: number, dims: number[], data: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, type, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => { view.setUint32(4 + 4 * i, d, false); });
  return new Uint8Array([...header, ...data]);
}

test('readIdx reads a rank-3 ubyte file with big-endian dimensions', () => {
  const a = readIdx(idxBytes(0x08, [2, 1, 3], [1, 2, 3, 4, 5, 6]));
  assert.deepEqual(a.shape, [2, 1, 3]);
  assert.deepEqual([...a.data], [1, 2, 3, 4, 5, 6]);
});

test('readIdx reads dimensions above 255 (multi-byte, big-endian)', () => {
  const a = readIdx(idxBytes(0x08, [300], new Array(300).fill(7)));
  assert.deepEqual(a.shape, [300]);
  assert.equal(a.data.length, 300);
});

test('readIdx rejects a bad magic, a non-ubyte type and truncated data', () => {
  assert.throws(() => readIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 1, 0])), IdxFormatError);
  assert.throws(() => readIdx(idxBytes(0x0d, [1], [0, 0, 0, 0])), /element type 0xd/);
  assert.throws(() => readIdx(idxBytes(0x08, [4], [1, 2])), /needs 4 bytes/);
});

test('loadMnist returns 28x28 uint8 images and labels 0..9, limited on request', () => {
  const d = loadMnist('test', 50);
  assert.equal(d.count, 50);
  assert.equal(d.images.length, 50 * 28 * 28);
  assert.equal(d.channels, 1);
  assert.ok([...d.labels].every((l) => l >= 0 && l <= 9));
  // The first MNIST test digit is a 7 (a well-known fact of the data set).
  assert.equal(d.labels[0], 7);
  // White digit on black: the border is background (0), some pixels are bright.
  assert.equal(d.images[0], 0);
  assert.ok(Math.max(...d.images.subarray(0, 784)) > 200);
});
