import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qp, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { generateInt16Lut, lutLookup } from './int16_lut.js';
import { SOFTMAX_INT16_KERNEL } from './softmax_int16.js';

function softmax16(shape: number[], data: number[], scale: number, beta = 1): number[] {
  const [out] = runKernel(SOFTMAX_INT16_KERNEL, {
    inputs: [{ dtype: 'int16', shape, data, quantization: qp(scale, 0) }],
    outputs: [{ dtype: 'int16', quantization: qp(1 / 32768, 0) }],
    options: { kind: 'SoftmaxOptions', beta },
  });
  assert.deepEqual(out!.shape, shape);
  return Array.from(out!.data as Int16Array);
}

test('int16 lookup tables interpolate exp on [−10, 0] and 1/(1+x) on [0, 1] to within a few Q0.15 steps', () => {
  const expLut = generateInt16Lut(Math.exp, -10, 0, -1, 1);
  const recLut = generateInt16Lut((x) => 1 / (1 + x), 0, 1, -1, 1);
  for (let v = -32768; v <= 32767; v += 97) {
    const x = ((v + 32768) / 65536) * 10 - 10; // the table's input coordinate
    assert.ok(Math.abs(lutLookup(v, expLut) - Math.exp(x) * 32768) <= 4, `exp(${x})`);
    const y = (v + 32768) / 65536;
    assert.ok(Math.abs(lutLookup(v, recLut) - 32768 / (1 + y)) <= 4, `1/(1+${y})`);
  }
});

test('int16 softmax of equal logits splits 32768 evenly (hand-checked)', () => {
  // 4 equal values: 0.25 → 8192
  assert.deepEqual(softmax16([1, 4], [100, 100, 100, 100], 0.001), [8192, 8192, 8192, 8192]);
});

test('int16 softmax stays within a few steps of the exact softmax, with beta', () => {
  const r = seededRandom(5);
  for (const [scale, beta] of [[0.001, 1], [0.0002, 2]] as const) {
    const depth = 12;
    const data = Array.from({ length: 2 * depth }, () => randomInt(r, -32768, 32767));
    const got = softmax16([2, depth], data, scale, beta);
    for (let row = 0; row < 2; row++) {
      const xs = data.slice(row * depth, (row + 1) * depth).map((v) => v * Math.fround(scale) * beta);
      const max = Math.max(...xs);
      const sum = xs.reduce((s, x) => s + Math.exp(x - max), 0);
      xs.forEach((x, c) => {
        const exact = Math.min(32767, (Math.exp(x - max) / sum) * 32768);
        assert.ok(Math.abs(got[row * depth + c]! - exact) <= 8 + exact * 2e-3, `row ${row} col ${c}: ${got[row * depth + c]} vs ${exact}`);
      });
    }
  }
});
