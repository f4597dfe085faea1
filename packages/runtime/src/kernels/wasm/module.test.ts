import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kernelModuleBytes, relaxedSimdSupported, simdSupported } from './module.js';
import { assembleModule } from './emitter/module_writer.js';

test('the SIMD probe accepts this engine and the emitted kernel module validates', () => {
  assert.equal(simdSupported(), true);
  assert.equal(WebAssembly.validate(kernelModuleBytes(false)), true);
  if (relaxedSimdSupported()) assert.equal(WebAssembly.validate(kernelModuleBytes(true)), true);
});

test('the emitter encodes multi-byte signed immediates that a real engine executes correctly', () => {
  // f(x): memory[0] = x + 624485 - 70000 (constants needing three-byte signed LEB128, one of them negative-signed).
  const bytes = assembleModule([{ name: 'f', params: ['i32'], emit: (c) => {
    c.i32Const(0).localGet(c.param(0)).i32Const(624485).i32Add().i32Const(70000).i32Sub().i32Store();
  } }]);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const f = instance.exports['f'] as (x: number) => void;
  f(-1000000);
  assert.equal(new Int32Array(memory.buffer)[0], -1000000 + 624485 - 70000);
});
