import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pool2DOptions } from '../../core/options.js';
import { randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { MAX_POOL_2D_KERNEL } from './max_pool_2d.js';

function poolOptions(o: Partial<Pool2DOptions> = {}): Pool2DOptions {
  return {
    kind: 'Pool2DOptions', padding: 'VALID', strideH: 2, strideW: 2, filterHeight: 2, filterWidth: 2,
    fusedActivation: 'NONE', ...o,
  };
}

function maxPool(input: Float32Array, shape: number[], options: Pool2DOptions): { shape: number[]; data: number[] } {
  const [out] = runKernel(MAX_POOL_2D_KERNEL, {
    inputs: [{ dtype: 'float32', shape, data: input }], outputs: [{ dtype: 'float32' }], options,
  });
  return { shape: out!.shape, data: [...(out!.data as Float32Array)] };
}

test('max pool 2x2 stride 2 VALID on a 4x4 input (hand-checked)', () => {
  const input = Float32Array.from({ length: 16 }, (_, i) => i);
  const out = maxPool(input, [1, 4, 4, 1], poolOptions());
  assert.deepEqual(out.shape, [1, 2, 2, 1]);
  assert.deepEqual(out.data, [5, 7, 13, 15]);
});

test('max pool SAME padding with stride 2 on odd input ignores the padding even for negative inputs', () => {
  // 3x3 of −(i+1); 2x2 SAME stride 2 → 2x2 out, padding after; the max is the least negative in-bounds value
  const input = Float32Array.from({ length: 9 }, (_, i) => -(i + 1));
  const out = maxPool(input, [1, 3, 3, 1], poolOptions({ padding: 'SAME' }));
  assert.deepEqual(out.shape, [1, 2, 2, 1]);
  assert.deepEqual(out.data, [-1, -3, -7, -9]);
});

test('max pool keeps channels separate and applies a fused RELU', () => {
  // 1x2x2x2: channel 0 = (1, -2, 3, -4), channel 1 = (-5, -6, -7, -8)
  const input = Float32Array.of(1, -5, -2, -6, 3, -7, -4, -8);
  const out = maxPool(input, [1, 2, 2, 2], poolOptions({ fusedActivation: 'RELU' }));
  assert.deepEqual(out.data, [3, 0]);
});

test('max pool matches a direct reference on random cases', () => {
  const rand = seededRandom(3);
  for (let i = 0; i < 40; i++) {
    const shape = [randomInt(rand, 1, 2), randomInt(rand, 1, 8), randomInt(rand, 1, 8), randomInt(rand, 1, 3)];
    const [n, h, w, c] = shape as [number, number, number, number];
    const o = poolOptions({
      padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 3), strideW: randomInt(rand, 1, 3),
      filterHeight: randomInt(rand, 1, 3), filterWidth: randomInt(rand, 1, 3),
    });
    const outH = o.padding === 'SAME' ? Math.ceil(h / o.strideH) : Math.ceil((h - o.filterHeight + 1) / o.strideH);
    const outW = o.padding === 'SAME' ? Math.ceil(w / o.strideW) : Math.ceil((w - o.filterWidth + 1) / o.strideW);
    if (outH <= 0 || outW <= 0) continue;
    const padT = o.padding === 'SAME' ? Math.max(0, Math.floor(((outH - 1) * o.strideH + o.filterHeight - h) / 2)) : 0;
    const padL = o.padding === 'SAME' ? Math.max(0, Math.floor(((outW - 1) * o.strideW + o.filterWidth - w) / 2)) : 0;
    const input = randomFloats(rand, n * h * w * c);
    const expected: number[] = [];
    for (let b = 0; b < n; b++)
      for (let y = 0; y < outH; y++)
        for (let x = 0; x < outW; x++)
          for (let ch = 0; ch < c; ch++) {
            let m = -Infinity;
            for (let ky = 0; ky < o.filterHeight; ky++)
              for (let kx = 0; kx < o.filterWidth; kx++) {
                const iy = y * o.strideH - padT + ky;
                const ix = x * o.strideW - padL + kx;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) m = Math.max(m, input[((b * h + iy) * w + ix) * c + ch]!);
              }
            expected.push(m);
          }
    const out = maxPool(input, shape, o);
    assert.deepEqual(out.shape, [n, outH, outW, c], `case ${i}`);
    assert.deepEqual(out.data, expected, `case ${i}`);
  }
});
