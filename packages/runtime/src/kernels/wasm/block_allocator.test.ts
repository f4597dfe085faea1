import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '@tflite-lambda/testing';
import { BlockAllocator } from './block_allocator.js';

function allocator(): { a: BlockAllocator; grownTo: () => number } {
  let end = 0;
  const a = new BlockAllocator(64, (e) => {
    end = Math.max(end, e);
  });
  return { a, grownTo: () => end };
}

test('live regions never overlap through a random sequence of allocations and frees', () => {
  const rand = seededRandom(3);
  const { a, grownTo } = allocator();
  const live = new Map<number, number>();
  for (let step = 0; step < 2000; step++) {
    if (live.size > 0 && rand() < 0.45) {
      const keys = [...live.keys()];
      const at = keys[Math.floor(rand() * keys.length)]!;
      a.free(at);
      live.delete(at);
    } else {
      const size = 16 * (1 + Math.floor(rand() * 64));
      const at = a.alloc(size);
      assert.ok(at >= 64 && at + size <= grownTo(), `region [${at}, ${at + size}) outside the memory`);
      for (const [other, otherSize] of live) {
        assert.ok(at + size <= other || other + otherSize <= at, `[${at}, +${size}) overlaps [${other}, +${otherSize})`);
      }
      live.set(at, size);
    }
    assert.equal(a.bytesInUse, [...live.values()].reduce((s, v) => s + v, 0));
  }
});

test('freed neighbours merge, so a freed run is reused whole without growing', () => {
  const { a, grownTo } = allocator();
  const blocks = [a.alloc(32), a.alloc(48), a.alloc(16)];
  const top = grownTo();
  for (const b of blocks) a.free(b);
  assert.equal(a.alloc(96), 64);
  assert.equal(grownTo(), top);
});

test('a freed block at the top is extended instead of leaving a hole', () => {
  const { a } = allocator();
  a.alloc(32);
  const last = a.alloc(32);
  a.free(last);
  assert.equal(a.alloc(1024), last);
});

test('freeing an address that was not allocated is an error', () => {
  const { a } = allocator();
  a.alloc(32);
  assert.throws(() => a.free(80), RangeError);
});
