import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axisCoefficients, resizeBicubic } from './resize.js';
import type { Image8 } from './types.js';

function gray(width: number, height: number, values: number[]): Image8 {
  return { width, height, channels: 1, data: new Uint8Array(values) };
}

describe('resizeBicubic', () => {
  test('the same size returns an equal copy', () => {
    const src = gray(2, 2, [1, 2, 3, 4]);
    const out = resizeBicubic(src, 2, 2);
    assert.deepEqual(out, src);
    assert.notEqual(out.data, src.data);
  });
  test('a constant image stays constant under up- and downscaling', () => {
    const src = gray(7, 5, new Array(35).fill(173));
    for (const [w, h] of [[28, 28], [3, 2], [1, 1], [100, 4]]) {
      assert.ok(resizeBicubic(src, w, h).data.every((v) => v === 173), `${w}x${h}`);
    }
  });
  test('downscaling by 2 widens the cubic kernel to 4 source pixels per output pixel', () => {
    // 4 -> 2: scale 2, support 2*2; output 0 is centred at 1.0 and sees sources 0..3 at kernel positions
    // (x - 1 + 0.5) / 2 = -0.25, 0.25, 0.75, 1.25, where the a=-0.5 cubic is
    // 0.8671875, 0.8671875, 0.2265625, -0.0703125 (sum 1.890625).
    const { ksize, bounds, weights } = axisCoefficients(4, 2);
    assert.deepEqual([...bounds], [0, 4, 0, 4]);
    const raw = [0.8671875, 0.8671875, 0.2265625, -0.0703125];
    const expected = raw.map((w) => Math.round((w / 1.890625) * (1 << 22)));
    assert.deepEqual([...weights.subarray(0, 4)], expected);
    assert.deepEqual([...weights.subarray(ksize, ksize + 4)], [...expected].reverse());
  });
  test('upscaling overshoots are clamped to 0..255', () => {
    const out = resizeBicubic(gray(4, 1, [0, 0, 255, 255]), 16, 1);
    assert.ok(out.data.every((v) => v >= 0 && v <= 255));
    assert.equal(out.data[0], 0);
    assert.equal(out.data[15], 255);
  });
  test('RGB channels are resampled independently', () => {
    const src: Image8 = { width: 2, height: 1, channels: 3, data: new Uint8Array([255, 0, 10, 255, 0, 10]) };
    assert.deepEqual([...resizeBicubic(src, 3, 2).data], new Array(6).fill([255, 0, 10]).flat());
  });
});
