import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_POOLED_FLOATS, OutputPool } from './output_pool.js';

const N = MIN_POOLED_FLOATS;

test('a released buffer is handed to the next output of its length, and only then', () => {
  const pool = new OutputPool();
  const a = pool.take(N);
  assert.ok(pool.owns(a.buffer));
  pool.hold(a.buffer as SharedArrayBuffer);
  assert.notEqual(pool.take(N).buffer, a.buffer, 'still held: not reused');
  pool.drop(a.buffer as SharedArrayBuffer);
  assert.equal(pool.pooledBytes, N * 4);
  assert.notEqual(pool.take(2 * N).buffer, a.buffer, 'another length gets another buffer');
  assert.equal(pool.take(N).buffer, a.buffer);
  assert.equal(pool.pooledBytes, 0);
});

test('a buffer with two holders (an output and a view of it) returns after both are gone', () => {
  const pool = new OutputPool();
  const a = pool.take(N);
  const b = a.buffer as SharedArrayBuffer;
  pool.hold(b);
  pool.hold(b);
  pool.drop(b);
  assert.equal(pool.pooledBytes, 0);
  pool.drop(b);
  assert.equal(pool.take(N).buffer, b);
});

test('pinned buffers (read by user code) and small outputs are never reused', () => {
  const pool = new OutputPool();
  const a = pool.take(N);
  const b = a.buffer as SharedArrayBuffer;
  pool.hold(b);
  pool.pin(b);
  pool.drop(b);
  assert.equal(pool.pooledBytes, 0);
  assert.notEqual(pool.take(N).buffer, b);
  const small = pool.take(N - 1);
  assert.equal(pool.owns(small.buffer), false);
});

test('over its budget the pool lets go of the buffers released longest ago, whatever their length', () => {
  const pool = new OutputPool(4 * N * 4); // room for four buffers of N floats
  const release = (a: Float32Array) => {
    pool.hold(a.buffer as SharedArrayBuffer);
    pool.drop(a.buffer as SharedArrayBuffer);
  };
  const [a, b, c, d] = [pool.take(N), pool.take(N), pool.take(N), pool.take(2 * N)];
  [a, b, c, d].forEach(release);
  assert.equal(pool.pooledBytes, 4 * N * 4, 'a, the oldest, was let go to make room for d');
  assert.equal(pool.take(2 * N).buffer, d.buffer);
  const again = [pool.take(N), pool.take(N), pool.take(N)].map((x) => x.buffer);
  assert.ok(again.includes(b.buffer) && again.includes(c.buffer));
  assert.ok(!again.includes(a.buffer));
});
