/**
 * What the kernel modules export, as the TypeScript kernels call it (all addresses and strides in bytes), and
 * the lazy binding behind it: a family's module is instantiated the first time one of its functions is
 * looked up, and each function is looked up once.
 */
import type { BinaryOpF32 } from './emit_elementwise.js';
import type { Family } from './module.js';

type I = number;

/** An 8-bit kernel flavour: int8 or uint8 activations, XNNPACK ('float') or TFLite builtin ('fixed') requantization. */
export type Q8 = 'i8_float' | 'u8_float' | 'i8_fixed' | 'u8_fixed';

export type BinaryF32 = (a: I, aOuter: I, aInner: I, b: I, bOuter: I, bInner: I, out: I, rows: I, cols: I, lo: number,
  hi: number) => void;
type Gemm8 = (M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, params: I, zp: I, actMin: I, actMax: I,
  left: I, right: I) => void;
type Depthwise8 = (input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
  padL: I, W: I, bias: I, out: I, params: I, inputOffset: I, zp: I, actMin: I, actMax: I, left: I, right: I) => void;
type Im2col8 = (input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
  oy0: I, count: I, dst: I, inputOffset: I, rowBytes: I) => void;
type Transpose4 = (src: I, dst: I, n0: I, n1: I, n2: I, n3: I, s0: I, s1: I, s2: I, s3: I) => void;
type PoolF32 = (input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
  min: number, max: number) => void;
type Pool8 = (input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
  actMin: I, actMax: I) => void;

export interface KernelExports {
  readonly gemm_f32: (M: I, N: I, K: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, min: number, max: number) => void;
  /** The 8-bit GEMMs (emit_gemm.ts), by flavour. */
  readonly gemm8: Readonly<Record<Q8, Gemm8>>;
  readonly gemm_i8f: (M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, wScales: I, inScales: I, inScaleStride: I,
    min: number, max: number) => void;
  /** 4-d strided gathers of 1-, 2- and 4-byte elements (emit_transpose.ts). */
  readonly transpose4_b1: Transpose4;
  readonly transpose4_b2: Transpose4;
  readonly transpose4_b4: Transpose4;
  readonly lut8: (src: I, dst: I, n: I, table: I, flip: I) => void;
  readonly quantize_rows_i16: (src: I, rows: I, k: I, dst: I, rowBytes: I, params: I) => void;
  readonly quantize_i8: (src: I, n: I, dst: I, invScale: number, zeroPoint: I) => void;
  readonly add_i8: (a: I, b: I, out: I, n: I, aMul: I, bMul: I, bias: I, shift: I, min: I, max: I, zeroPoint: I) => void;
  readonly im2col_f32: (input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I) => void;
  readonly im2col_i8: Im2col8;
  readonly im2col_u8: Im2col8;
  readonly max_pool_f32: PoolF32;
  readonly avg_pool_f32: PoolF32;
  readonly max_pool_i8: Pool8;
  readonly max_pool_u8: Pool8;
  readonly depthwise_f32: (input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
    padL: I, W: I, bias: I, out: I, min: number, max: number) => void;
  /** The 8-bit depthwise convolutions (emit_depthwise.ts), by flavour. */
  readonly depthwise8: Readonly<Record<Q8, Depthwise8>>;
  readonly relu_f32: (src: I, dst: I, n: I) => void;
  readonly clamp_f32: (src: I, dst: I, n: I, lo: number, hi: number) => void;
  /** Element-wise float32 binary ops over a 2-D broadcast walk (emit_elementwise.ts), by op. */
  readonly binaryF32: Readonly<Record<BinaryOpF32, BinaryF32>>;
  readonly rows_init_f32: (out: I, pixels: I, C: I, bias: I) => void;
  readonly col2im_add_f32: (col: I, rows: I, inW: I, iy0: I, outH: I, outW: I, C: I, fH: I, fW: I, sH: I, sW: I, padT: I,
    padL: I, out: I) => void;
}

type Plain = Exclude<keyof KernelExports, 'gemm8' | 'depthwise8' | 'binaryF32'>;

/** The family of every plain export (the grouped ones follow from their names, see `groupFamily`). */
const FAMILY: Record<Plain, Family> = {
  gemm_f32: 'float', im2col_f32: 'float', max_pool_f32: 'float', avg_pool_f32: 'float', depthwise_f32: 'float',
  relu_f32: 'float', clamp_f32: 'float', rows_init_f32: 'float', col2im_add_f32: 'float',
  im2col_i8: 'q8', im2col_u8: 'q8', add_i8: 'q8', max_pool_i8: 'q8', max_pool_u8: 'q8',
  gemm_i8f: 'hybrid', quantize_i8: 'hybrid', quantize_rows_i16: 'hybrid',
  transpose4_b1: 'layout', transpose4_b2: 'layout', transpose4_b4: 'layout', lut8: 'layout',
};

const Q8_FLAVOURS: readonly Q8[] = ['i8_float', 'u8_float', 'i8_fixed', 'u8_fixed'];
const BINARY_OPS: readonly BinaryOpF32[] = ['add', 'sub', 'mul', 'sqdiff', 'prelu'];

type Fn = (...args: number[]) => void;

/** KernelExports whose functions are bound on first lookup; `instantiate` makes a family's instance over the memory. */
export class LazyKernels implements KernelExports {
  private readonly instances = new Map<Family, WebAssembly.Instance>();
  private readonly bound = new Map<string, Fn>();

  constructor(private readonly instantiate: (family: Family) => WebAssembly.Instance) {}

  private fn(family: Family, name: string): Fn {
    let f = this.bound.get(name);
    if (f) return f;
    let instance = this.instances.get(family);
    if (!instance) {
      instance = this.instantiate(family);
      this.instances.set(family, instance);
    }
    const exported = instance.exports[name];
    if (typeof exported !== 'function') throw new Error(`kernel module '${family}' lacks export ${name}`);
    f = exported as Fn;
    this.bound.set(name, f);
    return f;
  }

  private plain<K extends Plain>(name: K): KernelExports[K] {
    return this.fn(FAMILY[name], name) as KernelExports[K];
  }

  /** A record of functions `${prefix}_${key}`, each bound on first lookup. */
  private group<K extends string>(keys: readonly K[], prefix: string, family: (key: K) => Family): Readonly<Record<K, Fn>> {
    const record = {} as Record<K, Fn>;
    for (const key of keys) {
      Object.defineProperty(record, key, { enumerable: true, get: () => this.fn(family(key), `${prefix}_${key}`) });
    }
    return record;
  }

  get gemm_f32() { return this.plain('gemm_f32'); }
  get gemm_i8f() { return this.plain('gemm_i8f'); }
  get quantize_i8() { return this.plain('quantize_i8'); }
  get quantize_rows_i16() { return this.plain('quantize_rows_i16'); }
  get transpose4_b1() { return this.plain('transpose4_b1'); }
  get transpose4_b2() { return this.plain('transpose4_b2'); }
  get transpose4_b4() { return this.plain('transpose4_b4'); }
  get lut8() { return this.plain('lut8'); }
  get add_i8() { return this.plain('add_i8'); }
  get im2col_f32() { return this.plain('im2col_f32'); }
  get im2col_i8() { return this.plain('im2col_i8'); }
  get im2col_u8() { return this.plain('im2col_u8'); }
  get max_pool_f32() { return this.plain('max_pool_f32'); }
  get avg_pool_f32() { return this.plain('avg_pool_f32'); }
  get max_pool_i8() { return this.plain('max_pool_i8'); }
  get max_pool_u8() { return this.plain('max_pool_u8'); }
  get depthwise_f32() { return this.plain('depthwise_f32'); }
  get relu_f32() { return this.plain('relu_f32'); }
  get clamp_f32() { return this.plain('clamp_f32'); }
  get rows_init_f32() { return this.plain('rows_init_f32'); }
  get col2im_add_f32() { return this.plain('col2im_add_f32'); }

  readonly gemm8 = this.group(Q8_FLAVOURS, 'gemm', q8Family);
  readonly depthwise8 = this.group(Q8_FLAVOURS, 'depthwise', q8Family);
  readonly binaryF32 = this.group(BINARY_OPS, 'binary_f32', () => 'float');
}

function q8Family(flavour: Q8): Family {
  return flavour.endsWith('_fixed') ? 'q8fixed' : 'q8';
}
