/**
 * The kernel modules: the emitted functions in a few WebAssembly modules by family (float, 8-bit with XNNPACK
 * requantization, 8-bit with TFLite's fixed-point one, hybrid), all over one imported memory. A family is
 * generated and compiled on first use — a float model never emits the integer kernels, nor an int8 model the
 * float ones, which keeps emission (cold JavaScript) off the cold start — so nothing is built ahead of time and
 * nothing is fetched.
 */
import { assembleModule, type FunctionDef } from './emitter/module_writer.js';
import { ADD_I8 } from './emit_add.js';
import { COL2IM_ADD_F32, ROWS_INIT_F32 } from './emit_col2im.js';
import { BINARY_F32, CLAMP_F32, RELU_F32 } from './emit_elementwise.js';
import { DEPTHWISE_8BIT, depthwiseF32 } from './emit_depthwise.js';
import { GEMM_8BIT, gemmF32, GEMM_I8F } from './emit_gemm.js';
import { IM2COL_F32, IM2COL_I8, IM2COL_U8 } from './emit_im2col.js';
import { AVG_POOL_F32, MAX_POOL_F32, MAX_POOL_I8, MAX_POOL_U8 } from './emit_pool.js';
import { QUANTIZE_I8, QUANTIZE_ROWS_I16 } from './emit_quantize.js';
import { LUT8, TRANSPOSE_FUNCTIONS } from './emit_transpose.js';
import { LazyKernels, type KernelExports } from './kernel_exports.js';

export type { BinaryF32, KernelExports, Q8 } from './kernel_exports.js';

export type Family = 'float' | 'q8' | 'q8fixed' | 'hybrid' | 'layout';

const byName = (defs: readonly FunctionDef[], fixed: boolean) => defs.filter((f) => f.name.endsWith('_fixed') === fixed);

/** Each family's functions; `relaxed`: the float multiply-adds use relaxed SIMD's fused form. */
const FAMILIES: Record<Family, (relaxed: boolean) => FunctionDef[]> = {
  float: (relaxed) => [gemmF32(relaxed), IM2COL_F32, depthwiseF32(relaxed), MAX_POOL_F32, AVG_POOL_F32, RELU_F32, CLAMP_F32,
    ...BINARY_F32, ROWS_INIT_F32, COL2IM_ADD_F32],
  q8: () => [...byName(GEMM_8BIT, false), IM2COL_I8, IM2COL_U8, ...byName(DEPTHWISE_8BIT, false), ADD_I8, MAX_POOL_I8, MAX_POOL_U8],
  q8fixed: () => [...byName(GEMM_8BIT, true), ...byName(DEPTHWISE_8BIT, true)],
  hybrid: () => [GEMM_I8F, QUANTIZE_I8, QUANTIZE_ROWS_I16],
  layout: () => [...TRANSPOSE_FUNCTIONS, LUT8],
};

export const FAMILY_NAMES = Object.keys(FAMILIES) as Family[];

/** One family's module bytes (with `relaxedSimd`, its fused multiply-add variant). */
export function familyModuleBytes(family: Family, relaxedSimd = false): Uint8Array<ArrayBuffer> {
  return assembleModule(FAMILIES[family](relaxedSimd));
}

/** Every kernel in one module (to validate them all at once). */
export function kernelModuleBytes(relaxedSimd = false): Uint8Array<ArrayBuffer> {
  return assembleModule(FAMILY_NAMES.flatMap((f) => FAMILIES[f](relaxedSimd)));
}

let simd: boolean | undefined;

/**
 * A module with one function `i32.const 0; i32x4.splat; drop`: valid exactly when the engine has 128-bit
 * SIMD. Written out as bytes so the check costs nothing at cold start.
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x1a, 0x0b, // code: i32.const 0, i32x4.splat, drop
]);

/** Whether this engine runs 128-bit WebAssembly SIMD. */
export function simdSupported(): boolean {
  simd ??= typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return simd;
}

let relaxed: boolean | undefined;

/**
 * `f32x4.relaxed_madd` in a function `() -> ()`: valid exactly when the engine has WebAssembly relaxed SIMD
 * (on by default from Node 22; Node 20 only with --experimental-wasm-relaxed-simd).
 */
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  // code: three times (f32.const 0, f32x4.splat), f32x4.relaxed_madd, drop
  0x0a, 0x1d, 0x01, 0x1b, 0x00,
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13,
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13,
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13,
  0xfd, 0x85, 0x02, 0x1a, 0x0b,
]);

/** Whether this engine runs WebAssembly relaxed SIMD (the kernels then use fused float multiply-adds). */
export function relaxedSimdSupported(): boolean {
  relaxed ??= simdSupported() && WebAssembly.validate(RELAXED_PROBE);
  return relaxed;
}

const compiled = new Map<string, WebAssembly.Module>();

/** A family's compiled module, once per process and variant (synchronously: each is a few kilobytes). */
export function compiledFamily(family: Family, relaxedSimd: boolean): WebAssembly.Module {
  const key = `${family}:${relaxedSimd}`;
  let module = compiled.get(key);
  if (!module) {
    module = new WebAssembly.Module(familyModuleBytes(family, relaxedSimd));
    compiled.set(key, module);
  }
  return module;
}

/**
 * The kernels over `memory`: each family is instantiated on the first use of one of its functions, which
 * costs microseconds once compiled. `relaxedSimd` picks the float FMA variant (opt-in: see WasmContext).
 */
export function instantiateKernels(memory: WebAssembly.Memory, relaxedSimd = false): KernelExports {
  return new LazyKernels((family) => new WebAssembly.Instance(compiledFamily(family, relaxedSimd), { env: { memory } }));
}
