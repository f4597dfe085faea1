/** SignalWindow, SignalFftAutoScale, SignalRfft and SignalEnergy on hand-checked values. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, UnsupportedError } from '../../../core/errors.js';
import { flexMap } from '../../../schema/builder/flexbuffer_map.js';
import { runKernel, type TestTensorSpec } from '@tflite-lambda/testing';
import { Rng } from '@tflite-lambda/testing/differential';
import { SIGNAL_ENERGY_KERNEL } from './energy.js';
import { SIGNAL_FFT_AUTO_SCALE_KERNEL } from './fft_auto_scale.js';
import { SIGNAL_RFFT_KERNEL } from './rfft.js';
import { SIGNAL_WINDOW_KERNEL } from './window.js';

const i16 = (shape: number[], data: number[]): TestTensorSpec => ({ dtype: 'int16', shape, data });

function window(x: number[], shape: number[], w: number[], shift: number): number[] {
  const [out] = runKernel(SIGNAL_WINDOW_KERNEL, {
    inputs: [i16(shape, x), { ...i16([w.length], w), constant: true }], outputs: [{ dtype: 'int16' }],
    customCode: 'SignalWindow', customOptions: flexMap({ shift }),
  });
  return [...out!.data as Int16Array];
}

test('window multiplies each frame by the weights and shifts right (arithmetic, rounding down)', () => {
  assert.deepEqual(window([4096, -4096, 3, -3], [4], [100, 100, 1, 1], 12), [100, -100, 0, -1]);
  assert.deepEqual(window([1, 2, 3, 4, 5, 6], [2, 3], [10, 20, 30], 1), [5, 20, 45, 20, 50, 90]);
});

test('window saturates to int16', () => {
  assert.deepEqual(window([32767, -32768, 32767], [3], [32767, 32767, -32768], 0), [32767, -32768, -32768]);
});

test('window refuses weights that do not tile the input', () => {
  assert.throws(() => window([1, 2, 3], [3], [1, 2], 0), ShapeError);
});

function autoScale(x: number[]): [number[], number] {
  const [out, bits] = runKernel(SIGNAL_FFT_AUTO_SCALE_KERNEL, {
    inputs: [i16([x.length], x)], outputs: [{ dtype: 'int16' }, { dtype: 'int32' }], customCode: 'SignalFftAutoScale',
  });
  return [[...out!.data as Int16Array], (bits!.data as Int32Array)[0]!];
}

test('FFT auto-scale shifts left by the headroom of the largest magnitude', () => {
  // max |x| = 3 (2 bits) → 16 − 2 − 1 = 13 bits of headroom.
  assert.deepEqual(autoScale([1, -2, 3]), [[8192, -16384, 24576], 13]);
  assert.deepEqual(autoScale([-16384, 100]), [[-16384, 100], 0]);
  assert.deepEqual(autoScale([0, 0]), [[0, 0], 0]);
});

test('FFT auto-scale follows MaxAbs16 as C runs it: -32768 negates to itself, so a later value replaces it', () => {
  // -(-32768) stored in the int16 maximum is -32768; 5 > -32768 then becomes the maximum: 12 bits, and
  // -32768 · 4096 wraps to 0 in the int16 output.
  assert.deepEqual(autoScale([-32768, 5]), [[0, 20480], 12]);
  // Last in the frame, -32768 stays the maximum; as a uint32 its msb is 32, so no shift.
  assert.deepEqual(autoScale([5, -32768]), [[5, -32768], 0]);
});

function rfft(x: number[], fftLength: number, shape = [x.length]): Int16Array {
  const [out] = runKernel(SIGNAL_RFFT_KERNEL, {
    inputs: [i16(shape, x)], outputs: [{ dtype: 'int16' }],
    customCode: 'SignalRfft', customOptions: flexMap({ T: 7, fft_length: fftLength }),
  });
  return out!.data as Int16Array;
}

test('rfft of an impulse is flat: every bin is x[0]/N (KISS FFT scales each stage by its radix)', () => {
  const bins = rfft([16384, 0, 0, 0, 0, 0, 0, 0], 8);
  assert.equal(bins.length, 10);
  for (let k = 0; k < 5; k++) {
    assert.ok(Math.abs(bins[2 * k]! - 2048) <= 1, `bin ${k} real ${bins[2 * k]}`);
    assert.ok(Math.abs(bins[2 * k + 1]!) <= 1, `bin ${k} imaginary ${bins[2 * k + 1]}`);
  }
});

test('rfft matches the double-precision DFT / N within a few LSB, zero-padding rows to fft_length', () => {
  const n = 64, rows = 2, used = 50;
  const rng = new Rng(5);
  const x = Array.from({ length: rows * used }, () => Math.round((rng.next() - 0.5) * 30000));
  const bins = rfft(x, n, [rows, used]);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k <= n / 2; k++) {
      let re = 0, im = 0;
      for (let t = 0; t < used; t++) {
        re += (x[r * used + t]! * Math.cos((2 * Math.PI * k * t) / n)) / n;
        im -= (x[r * used + t]! * Math.sin((2 * Math.PI * k * t) / n)) / n;
      }
      const at = r * (n + 2) + 2 * k;
      assert.ok(Math.abs(bins[at]! - re) <= 4 && Math.abs(bins[at + 1]! - im) <= 4, `row ${r} bin ${k}: (${bins[at]}, ${bins[at + 1]}) vs (${re}, ${im})`);
    }
  }
});

test('rfft refuses the int32/float32 variants and lengths that are not powers of two', () => {
  const run = (type: number, len: number) => runKernel(SIGNAL_RFFT_KERNEL, {
    inputs: [i16([4], [1, 2, 3, 4])], outputs: [{ dtype: 'int16' }],
    customCode: 'SignalRfft', customOptions: flexMap({ T: type, fft_length: len }),
  });
  assert.throws(() => run(1, 8), UnsupportedError);
  assert.throws(() => run(7, 12), UnsupportedError);
  assert.throws(() => run(7, 2), ShapeError);
});

test('energy is re² + im² over [start_index, end_index), other bins 0', () => {
  const [out] = runKernel(SIGNAL_ENERGY_KERNEL, {
    inputs: [i16([8], [3, 4, 1, 1, 0, -2, 200, 300])], outputs: [{ dtype: 'uint32' }],
    customCode: 'SignalEnergy', customOptions: flexMap({ start_index: 1, end_index: 4 }),
  });
  assert.deepEqual([...out!.data as Uint32Array], [0, 2, 4, 130000]);
});

test('energy of -32768 pairs does not overflow uint32', () => {
  const [out] = runKernel(SIGNAL_ENERGY_KERNEL, {
    inputs: [i16([2], [-32768, -32768])], outputs: [{ dtype: 'uint32' }],
    customCode: 'SignalEnergy', customOptions: flexMap({ start_index: 0, end_index: 1 }),
  });
  assert.deepEqual([...out!.data as Uint32Array], [2 ** 31]);
});
