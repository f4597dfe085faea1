import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads, ones, setBackend, sum, type Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import { dropoutMask, SeededDropout } from './seeded_dropout.js';

await setBackend('cpu');

test('the dropout mask drops about `rate` of the values and scales the rest to keep the mean', () => {
  const m = dropoutMask(100_000, 0.25, 7);
  const dropped = m.filter((v) => v === 0).length / m.length;
  assert.ok(Math.abs(dropped - 0.25) < 0.01, `dropped ${dropped}`);
  assert.ok(m.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6));
  assert.deepEqual(dropoutMask(1000, 0.5, 3), dropoutMask(1000, 0.5, 3));
  assert.notDeepEqual(dropoutMask(1000, 0.5, 3), dropoutMask(1000, 0.5, 4));
});

test('SeededDropout: identity at inference; in training a fresh but repeatable mask per call, and its gradient is the mask', () => {
  const x = ones([4, 50]);
  const a = new SeededDropout({ rate: 0.5, seed: 11 });
  const b = new SeededDropout({ rate: 0.5, seed: 11 });
  assert.equal(a.call(x, {}), x);
  const a1 = (a.call(x, { training: true }) as Tensor).dataSync();
  const a2 = (a.call(x, { training: true }) as Tensor).dataSync();
  assert.deepEqual((b.call(x, { training: true }) as Tensor).dataSync(), a1, 'same seed, same first mask');
  assert.notDeepEqual(a2, a1, 'the next call draws a new mask');
  const c = new SeededDropout({ rate: 0.5, seed: 11 });
  const [g] = grads((t: Tensor) => sum(c.call(t, { training: true }) as Tensor))([x]);
  assert.deepEqual(g.dataSync(), a1, 'd(sum(x·mask))/dx = mask');
});
