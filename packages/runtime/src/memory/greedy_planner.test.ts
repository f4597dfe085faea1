import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignUp, planGreedyBySize, type BufferRequest } from './greedy_planner.js';

function assertNoLiveOverlap(reqs: readonly BufferRequest[], offsets: number[]): void {
  for (let i = 0; i < reqs.length; i++) {
    for (let j = i + 1; j < reqs.length; j++) {
      const a = reqs[i];
      const b = reqs[j];
      if (a.size === 0 || b.size === 0) continue;
      const live = a.firstUse <= b.lastUse && b.firstUse <= a.lastUse;
      const mem = offsets[i] < offsets[j] + b.size && offsets[j] < offsets[i] + a.size;
      assert.ok(!(live && mem), `buffers ${i} and ${j} overlap in memory while both are live`);
    }
  }
}

test('planner reuses memory of buffers whose lifetimes do not intersect', () => {
  const reqs = [
    { size: 100, firstUse: 0, lastUse: 1 },
    { size: 100, firstUse: 1, lastUse: 2 },
    { size: 100, firstUse: 2, lastUse: 3 },
  ];
  const plan = planGreedyBySize(reqs);
  assertNoLiveOverlap(reqs, plan.offsets);
  // A chain needs two slots, not three.
  assert.equal(plan.size, 2 * alignUp(100));
  assert.equal(plan.offsets[0], plan.offsets[2]);
});

test('planner places the largest buffer first at offset 0', () => {
  const reqs = [
    { size: 10, firstUse: 0, lastUse: 5 },
    { size: 1000, firstUse: 0, lastUse: 5 },
  ];
  const plan = planGreedyBySize(reqs);
  assert.equal(plan.offsets[1], 0);
  assert.equal(plan.offsets[0], alignUp(1000));
});

test('planner offsets are 16-byte aligned and never overlap live buffers on random requests', () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const reqs: BufferRequest[] = [];
    const count = 1 + rand(30);
    for (let i = 0; i < count; i++) {
      const first = rand(20);
      reqs.push({ size: rand(5) === 0 ? 0 : 1 + rand(5000), firstUse: first, lastUse: first + rand(8) });
    }
    const plan = planGreedyBySize(reqs);
    assertNoLiveOverlap(reqs, plan.offsets);
    for (const o of plan.offsets) assert.equal(o % 16, 0);
    const total = reqs.reduce((s, r) => s + alignUp(r.size), 0);
    assert.ok(plan.size <= total);
  }
});

test('planner handles an empty request list', () => {
  assert.deepEqual(planGreedyBySize([]), { offsets: [], size: 0 });
});
