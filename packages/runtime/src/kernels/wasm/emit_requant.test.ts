/**
 * The SIMD output stages against the TypeScript arithmetic they reproduce, value by value: TFLite's
 * MultiplyByQuantizedMultiplier ('fixed') and XNNPACK's float32 requantization ('float'), each followed by the
 * zero point, the clamp and the narrowing to int8 or uint8 — on ties, saturation and extreme accumulators.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '@tflite-lambda/testing';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { quantizeMultiplier, roundHalfEven } from '../common/quantization.js';
import { assembleModule } from './emitter/module_writer.js';
import { requant8, requantLocals, type OutByte, type Requant } from './emit_requant.js';
import { simdSupported } from './module.js';

const SRC = 32768;
const PARAMS = 64;
const DST = 16384;

/** requant(n, zp, actMin, actMax, left, right): 8 accumulators at a time from SRC to bytes at DST (n a multiple of 8). */
function stage(out: OutByte, mode: Requant): (n: number, zp: number, lo: number, hi: number, left: number, right: number) => void {
  const bytes = assembleModule([{
    name: 'requant', params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
    emit: (c) => {
      const [n, zp, actMin, actMax, left, right] = [0, 1, 2, 3, 4, 5].map((i) => c.param(i));
      const q = requantLocals(c, out, mode, { zp: zp!, actMin: actMin!, actMax: actMax!, left, right });
      const i = c.local('i32');
      const a0 = c.local('v128');
      const a1 = c.local('v128');
      const params = c.local('i32');
      c.i32Const(PARAMS).localSet(params);
      c.forRange(i, () => c.i32Const(0), () => c.localGet(n!), 8, () => {
        c.localGet(i).i32Const(2).i32Shl().i32Const(SRC).i32Add().v128Load(0).localSet(a0);
        c.localGet(i).i32Const(2).i32Shl().i32Const(SRC).i32Add().v128Load(16).localSet(a1);
        c.localGet(i).i32Const(DST).i32Add();
        requant8(c, q, a0, a1, params);
        c.v128Store64Lane0();
      });
    },
  }]);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return instance.exports.requant as (n: number, zp: number, lo: number, hi: number, left: number, right: number) => void;
}

const memory = new WebAssembly.Memory({ initial: 2 });

function accumulators(rand: () => number): Int32Array {
  const acc = new Int32Array(8 * 200);
  const edges = [-2147483648, 2147483647, 0, -1, 1, 1024, -1024, 3 << 20, -(3 << 20)];
  for (let i = 0; i < acc.length; i++) {
    if (i < edges.length) acc[i] = edges[i]!;
    else if (i < 800) acc[i] = Math.floor(rand() * 4001) - 2000; // small: ties of the rounding shifts
    else acc[i] = Math.floor(rand() * 4294967296) - 2147483648;
  }
  return acc;
}

test('the fixed-point output stage equals MultiplyByQuantizedMultiplier + zero point + clamp, int8 and uint8', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const rand = seededRandom(31);
  for (const out of ['i8', 'u8'] as const) {
    const run = stage(out, 'fixed');
    for (const real of [0.5, 0.0007, 0.25 + 1e-9, 1.7, 3.0000001, 0.0123, 2 ** -20, 200]) {
      const { multiplier, shift } = quantizeMultiplier(real);
      const acc = accumulators(rand);
      const zp = out === 'u8' ? 128 : -3;
      const [lo, hi] = out === 'u8' ? [0, 255] : [-128, 127];
      new Int32Array(memory.buffer, SRC, acc.length).set(acc);
      new Int32Array(memory.buffer, PARAMS, 8).fill(multiplier);
      run(acc.length, zp, lo, hi, Math.max(shift, 0), Math.max(-shift, 0));
      const got = out === 'u8' ? new Uint8Array(memory.buffer, DST, acc.length) : new Int8Array(memory.buffer, DST, acc.length);
      for (let i = 0; i < acc.length; i++) {
        const v = multiplyByQuantizedMultiplier(acc[i]!, multiplier, shift) + zp;
        const want = v < lo ? lo : v > hi ? hi : v;
        assert.equal(got[i], want, `${out} real ${real} acc ${acc[i]}`);
      }
    }
  }
});

test('the float output stage equals round-half-even(fround(acc) · scale) + zero point + clamp, int8 and uint8', { skip: !simdSupported() && 'no WebAssembly SIMD' }, () => {
  const rand = seededRandom(32);
  for (const out of ['i8', 'u8'] as const) {
    const run = stage(out, 'float');
    for (const scale of [0.5, 0.25, 0.0007, 1.5, 3e-6]) {
      const acc = accumulators(rand);
      const zp = out === 'u8' ? 3 : 10;
      const [lo, hi] = out === 'u8' ? [3, 200] : [-100, 127];
      new Int32Array(memory.buffer, SRC, acc.length).set(acc);
      new Float32Array(memory.buffer, PARAMS, 8).fill(scale);
      run(acc.length, zp, lo, hi, 0, 0);
      const got = out === 'u8' ? new Uint8Array(memory.buffer, DST, acc.length) : new Int8Array(memory.buffer, DST, acc.length);
      for (let i = 0; i < acc.length; i++) {
        const v = roundHalfEven(Math.fround(Math.fround(acc[i]!) * Math.fround(scale))) + zp;
        const want = v < lo ? lo : v > hi ? hi : v;
        assert.equal(got[i], want, `${out} scale ${scale} acc ${acc[i]}`);
      }
    }
  }
});
