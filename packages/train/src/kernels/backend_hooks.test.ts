import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { engine, relu, setBackend, slice, tensor2d, type Tensor } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients registerFastKernels wraps
import { MIN_POOLED_FLOATS } from '../threads/output_pool.js';
import { registerFastKernels, unregisterFastKernels } from './register.js';

before(async () => {
  await setBackend('cpu');
  registerFastKernels({ threads: false });
});
after(() => unregisterFastKernels());

const COLS = MIN_POOLED_FLOATS;
const input = (seed: number) => tensor2d(Float32Array.from({ length: 2 * COLS }, (_, i) => Math.sin(i * seed) * 10), [2, COLS]);

function bufferOf(t: Tensor): ArrayBufferLike {
  const backend = engine().findBackend('cpu');
  if (!(backend instanceof MathBackendCPU)) throw new Error('cpu backend expected');
  const v = backend.data.get(t.dataId).values;
  if (!ArrayBuffer.isView(v)) throw new Error('typed array expected');
  return v.buffer;
}

test('a disposed output of a fast kernel lends its memory to the next output of the same size', () => {
  const x = input(1);
  const a = relu(x);
  const first = bufferOf(a);
  a.dispose();
  const b = relu(x);
  assert.equal(bufferOf(b), first);
  b.dispose();
  x.dispose();
});

test('arrays read with dataSync stay intact after their tensor is disposed', () => {
  const x = input(2), y = input(3);
  const a = relu(x);
  const read = a.dataSync();
  const copy = Float32Array.from(read);
  a.dispose();
  const b = relu(y);
  assert.deepEqual(read, copy);
  assert.notEqual(bufferOf(b), read.buffer);
  [x, y, b].forEach((t) => { t.dispose(); });
});

test('a slice that views an output keeps it from being reused until the slice is disposed', () => {
  const x = input(4), y = input(5);
  const a = relu(x);
  const s = slice(a, [1, 0], [1, COLS]); // contiguous: TF.js's cpu Slice returns a view of a's memory
  assert.equal(bufferOf(s), bufferOf(a));
  const expected = Float32Array.from(relu(slice(x, [1, 0], [1, COLS])).dataSync());
  a.dispose();
  const b = relu(y);
  assert.notEqual(bufferOf(b), bufferOf(s));
  assert.deepEqual(s.dataSync(), expected);
  [x, y, b, s].forEach((t) => { t.dispose(); });
});
