import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pool2DOptions } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { AVERAGE_POOL_2D_KERNEL } from './average_pool_2d.js';

function poolOptions(o: Partial<Pool2DOptions> = {}): Pool2DOptions {
  return {
    kind: 'Pool2DOptions', padding: 'VALID', strideH: 2, strideW: 2, filterHeight: 2, filterWidth: 2,
    fusedActivation: 'NONE', ...o,
  };
}

function avgPool(input: Float32Array, shape: number[], options: Pool2DOptions): { shape: number[]; data: Float32Array } {
  const [out] = runKernel(AVERAGE_POOL_2D_KERNEL, {
    inputs: [{ dtype: 'float32', shape, data: input }], outputs: [{ dtype: 'float32' }], options,
  });
  return { shape: out!.shape, data: out!.data as Float32Array };
}

test('average pool 2x2 stride 2 VALID (hand-checked)', () => {
  const input = Float32Array.from({ length: 16 }, (_, i) => i);
  const out = avgPool(input, [1, 4, 4, 1], poolOptions());
  assert.deepEqual([...out.data], [2.5, 4.5, 10.5, 12.5]);
});

test('average pool SAME padding divides by in-bounds elements only', () => {
  // 3x3 input 1..9, 2x2 SAME stride 2: windows {1,2,4,5} {3,6} {7,8} {9}
  const input = Float32Array.from({ length: 9 }, (_, i) => i + 1);
  const out = avgPool(input, [1, 3, 3, 1], poolOptions({ padding: 'SAME' }));
  assert.deepEqual(out.shape, [1, 2, 2, 1]);
  assert.deepEqual([...out.data], [3, 4.5, 7.5, 9]);
});

test('average pool 3x3 SAME stride 1 at a corner averages four values', () => {
  const input = Float32Array.of(1, 2, 3, 4);
  const out = avgPool(input, [1, 2, 2, 1], poolOptions({ padding: 'SAME', strideH: 1, strideW: 1, filterHeight: 3, filterWidth: 3 }));
  assert.deepEqual([...out.data], [2.5, 2.5, 2.5, 2.5]);
});

test('average pool matches a direct reference on random cases', () => {
  const rand = seededRandom(5);
  for (let i = 0; i < 40; i++) {
    const [n, h, w, c] = [randomInt(rand, 1, 2), randomInt(rand, 1, 8), randomInt(rand, 1, 8), randomInt(rand, 1, 3)];
    const o = poolOptions({
      padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 3), strideW: randomInt(rand, 1, 3),
      filterHeight: randomInt(rand, 1, 3), filterWidth: randomInt(rand, 1, 3),
      fusedActivation: rand() < 0.3 ? 'RELU_N1_TO_1' : 'NONE',
    });
    const outH = o.padding === 'SAME' ? Math.ceil(h / o.strideH) : Math.ceil((h - o.filterHeight + 1) / o.strideH);
    const outW = o.padding === 'SAME' ? Math.ceil(w / o.strideW) : Math.ceil((w - o.filterWidth + 1) / o.strideW);
    if (outH <= 0 || outW <= 0) continue;
    const padT = o.padding === 'SAME' ? Math.max(0, Math.floor(((outH - 1) * o.strideH + o.filterHeight - h) / 2)) : 0;
    const padL = o.padding === 'SAME' ? Math.max(0, Math.floor(((outW - 1) * o.strideW + o.filterWidth - w) / 2)) : 0;
    const input = randomFloats(rand, n * h * w * c, -3, 3);
    const expected: number[] = [];
    for (let b = 0; b < n; b++)
      for (let y = 0; y < outH; y++)
        for (let x = 0; x < outW; x++)
          for (let ch = 0; ch < c; ch++) {
            let sum = 0;
            let count = 0;
            for (let ky = 0; ky < o.filterHeight; ky++)
              for (let kx = 0; kx < o.filterWidth; kx++) {
                const iy = y * o.strideH - padT + ky;
                const ix = x * o.strideW - padL + kx;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) { sum += input[((b * h + iy) * w + ix) * c + ch]!; count++; }
              }
            const v = sum / count;
            expected.push(o.fusedActivation === 'NONE' ? v : Math.min(1, Math.max(-1, v)));
          }
    const out = avgPool(input, [n, h, w, c], o);
    assert.deepEqual(out.shape, [n, outH, outW, c], `case ${i}`);
    assertClose(out.data, expected, `case ${i}`);
  }
});
