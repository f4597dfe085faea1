import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAMILY_NAMES, familyModuleBytes, instantiateKernels, kernelModuleBytes, relaxedSimdSupported, simdSupported } from './module.js';
import { assembleModule } from './emitter/module_writer.js';

test('the SIMD probe accepts this engine and every emitted kernel module validates', () => {
  assert.equal(simdSupported(), true);
  for (const family of FAMILY_NAMES) {
    assert.equal(WebAssembly.validate(familyModuleBytes(family, false)), true, family);
    if (relaxedSimdSupported()) assert.equal(WebAssembly.validate(familyModuleBytes(family, true)), true, `${family} (relaxed)`);
  }
  assert.equal(WebAssembly.validate(kernelModuleBytes(false)), true);
});

test('every kernel export is found in the family module it is bound from', () => {
  const kernels = instantiateKernels(new WebAssembly.Memory({ initial: 1 }), false);
  for (const [name, value] of Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(kernels)))) {
    if (name === 'constructor' || !value.get) continue;
    assert.equal(typeof (kernels as unknown as Record<string, unknown>)[name], 'function', name);
  }
  for (const group of [kernels.gemm8, kernels.depthwise8, kernels.binaryF32]) {
    for (const [key, f] of Object.entries(group)) assert.equal(typeof f, 'function', key);
  }
});

test('the emitter encodes multi-byte signed immediates that a real engine executes correctly', () => {
  // f(x): memory[0] = x + 624485 - 70000 (constants needing three-byte signed LEB128, one of them negative-signed).
  const bytes = assembleModule([{ name: 'f', params: ['i32'], emit: (c) => {
    c.i32Const(0).localGet(c.param(0)).i32Const(624485).i32Add().i32Const(70000).i32Sub().i32Store();
  } }]);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const f = instance.exports.f as (x: number) => void;
  f(-1000000);
  assert.equal(new Int32Array(memory.buffer)[0], -1000000 + 624485 - 70000);
});
