/**
 * SignalFilterBank, SignalFilterBankSquareRoot, SignalFilterBankSpectralSubtraction, SignalPCAN and
 * SignalFilterBankLog on hand-checked values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TensorError } from '../../../core/errors.js';
import { flexMap } from '../../../schema/builder/flexbuffer_map.js';
import { runKernel, runKernelInvokes, type TestTensorSpec } from '@tflite-lambda/testing';
import { SIGNAL_FILTER_BANK_KERNEL } from './filter_bank.js';
import { SIGNAL_FILTER_BANK_LOG_KERNEL } from './filter_bank_log.js';
import { SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_KERNEL } from './filter_bank_spectral_subtraction.js';
import { SIGNAL_FILTER_BANK_SQUARE_ROOT_KERNEL } from './filter_bank_square_root.js';
import { SIGNAL_PCAN_KERNEL } from './pcan.js';
import { log32, pcanShrink, wideDynamicFunction } from './signal_math.js';

const u32 = (data: number[]): TestTensorSpec => ({ dtype: 'uint32', shape: [data.length], data });
const i16 = (data: number[]): TestTensorSpec => ({ dtype: 'int16', shape: [data.length], data, constant: true });

function filterBank(energy: number[], weights: number[], unweights: number[], starts: number[], wStarts: number[], widths: number[]): bigint[] {
  const [out] = runKernel(SIGNAL_FILTER_BANK_KERNEL, {
    inputs: [u32(energy), i16(weights), i16(unweights), i16(starts), i16(wStarts), i16(widths)],
    outputs: [{ dtype: 'uint64' }], customCode: 'SignalFilterBank', customOptions: flexMap({ num_channels: starts.length - 1 }),
  });
  return [...new BigUint64Array(out!.data.buffer, out!.data.byteOffset, out!.data.length)];
}

test('filter bank adds weight·energy to a channel and unweight·energy to the next; channel 0 is scratch', () => {
  // Channel 0 (dropped) covers bin 0, channel 1 bin 1, channel 2 bins 2–3.
  // out[0] = unweights[0]·10 + weights[1]·20 = 50 + 40; out[1] = unweights[1]·20 + weights[2]·30 + weights[3]·40.
  const out = filterBank([10, 20, 30, 40], [1, 2, 3, 4], [5, 6, 7, 8], [0, 1, 2], [0, 1, 2], [1, 1, 2]);
  assert.deepEqual(out, [90n, 370n]);
});

test('filter bank accumulates in 64 bits', () => {
  const big = 4294967295;
  const out = filterBank([big, big], [0, 32767, 32767], [0, 0, 0], [0, 0, 0], [0, 1, 1], [0, 2, 0]);
  assert.deepEqual(out, [2n * 32767n * 4294967295n, 0n]);
});

test('filter bank refuses channels that reach past the spectrum', () => {
  assert.throws(() => filterBank([1, 2], [1, 1, 1], [0, 0, 0], [0, 1], [0, 0], [1, 5]), TensorError);
});

test('filter bank square root rounds and then shifts right by the scale bits', () => {
  const [out] = runKernel(SIGNAL_FILTER_BANK_SQUARE_ROOT_KERNEL, {
    inputs: [{ dtype: 'uint64', shape: [4], data: [0, 8, 1 << 20, 2 ** 40] }, { dtype: 'int32', shape: [], data: [1] }],
    outputs: [{ dtype: 'uint32' }], customCode: 'SignalFilterBankSquareRoot',
  });
  // √8 ≈ 2.83 → 3 → 1; √2^20 = 1024 → 512; √2^40 = 2^20 → 2^19.
  assert.deepEqual([...out!.data as Uint32Array], [0, 1, 512, 2 ** 19]);
});

const subtractionOptions = {
  num_channels: 2, smoothing: 8192, one_minus_smoothing: 8192, alternate_smoothing: 16384, alternate_one_minus_smoothing: 0,
  smoothing_bits: 2, spectral_subtraction_bits: 14, min_signal_remaining: 1638, clamping: false,
};

function subtract(x: number[], invokes: number, options: Record<string, number | boolean> = subtractionOptions): number[][][] {
  const runs = runKernelInvokes(SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_KERNEL, {
    inputs: [u32(x)], outputs: [{ dtype: 'uint32' }, { dtype: 'uint32' }],
    customCode: 'SignalFilterBankSpectralSubtraction', customOptions: flexMap(options),
  }, invokes);
  return runs.map((outs) => outs.map((t) => [...t.data as Uint32Array]));
}

test('spectral subtraction tracks a running noise estimate that carries over invokes', () => {
  // Channel 0 smooths by ½ (8192/2^14), channel 1 (odd: the alternate smoothing) takes the new value whole.
  // x·2^2 = 4000; invoke 1: estimate (4000·8192 + 0)/2^14 = 2000 → out (4000 − 2000)/4 = 500;
  // invoke 2: estimate (4000·8192 + 2000·8192)/2^14 = 3000 → out 250. Channel 1: estimate 4000 → out 0, floored
  // at x·1638/2^14 = 99.
  const [first, second] = subtract([1000, 1000], 2);
  assert.deepEqual(first, [[500, 99], [2000, 4000]]);
  assert.deepEqual(second, [[250, 99], [3000, 4000]]);
});

test('spectral subtraction clamping caps the stored estimate at the signal', () => {
  const loud = { ...subtractionOptions, smoothing: 16384, one_minus_smoothing: 16384, clamping: true };
  // estimate (4000·16384 + 0)/2^14 = 4000 ≤ 4000; invoke 2 would reach 8000 but is clamped to 4000.
  const [, second] = subtract([1000, 1000], 2, loud);
  assert.deepEqual(second![1]![0], 4000);
  const [, unclamped] = subtract([1000, 1000], 2, { ...loud, clamping: false });
  assert.deepEqual(unclamped![1]![0], 8000);
});

test('PCAN applies the gain from the noise estimate, the SNR shift and the shrink function', () => {
  const lut = Int16Array.from({ length: 125 }, (_, i) => 1000 + 37 * i);
  const x = [0, 5000, 123456, 4000000], noise = [0, 7, 300, 100000];
  const [out] = runKernel(SIGNAL_PCAN_KERNEL, {
    inputs: [u32(x), u32(noise), i16([...lut])], outputs: [{ dtype: 'uint32' }],
    customCode: 'SignalPCAN', customOptions: flexMap({ snr_shift: 6 }),
  });
  const expected = x.map((v, i) => pcanShrink(Number((BigInt(v) * BigInt(wideDynamicFunction(noise[i]!, lut) >>> 0)) >> 6n) >>> 0));
  assert.deepEqual([...out!.data as Uint32Array], expected);
  // Hand check of one: noise 7 → msb 3, fraction (7 << 8) & 0x3ff = 768, and a small SNR goes through x²/4.
  assert.ok(expected[1]! > 0);
});

test('filter bank log shifts by the correction bits, takes the scaled log, and maps 0 and 1 to 0', () => {
  const [out] = runKernel(SIGNAL_FILTER_BANK_LOG_KERNEL, {
    inputs: [u32([0, 1, 2, 1000, 2 ** 28])], outputs: [{ dtype: 'int16' }],
    customCode: 'SignalFilterBankLog', customOptions: flexMap({ input_correction_bits: 3, output_scale: 64 }),
  });
  // 1 << 3 = 8 > 1, so 1 is logged: 64·ln 8 ≈ 133; 2^28 << 3 wraps to 2^31.
  assert.deepEqual([...out!.data as Int16Array], [0, log32(8, 64), log32(16, 64), log32(8000, 64), log32(2 ** 31, 64)]);
  assert.equal(log32(8, 64), Math.round(64 * Math.log(8)));
});

test('filter bank log caps the result at int16 max', () => {
  const [out] = runKernel(SIGNAL_FILTER_BANK_LOG_KERNEL, {
    inputs: [u32([4000000000])], outputs: [{ dtype: 'int16' }],
    customCode: 'SignalFilterBankLog', customOptions: flexMap({ input_correction_bits: 0, output_scale: 2000 }),
  });
  assert.deepEqual([...out!.data as Int16Array], [32767]);
});
