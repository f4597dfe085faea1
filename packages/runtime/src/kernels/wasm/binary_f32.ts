/**
 * Element-wise float32 ADD, SUB, MUL, SQUARED_DIFFERENCE and PRELU on WebAssembly SIMD, with numpy
 * broadcasting and the fused activation. Validation, output shape and the broadcast plan come from the
 * reference kernel's prepare; the plan's innermost two dimensions run in one wasm call (emit_elementwise.ts:
 * per-channel operands such as a bias or PRELU's α are splatted or re-read per row), outer ones loop here.
 * Constant operands are copied into wasm memory once, at prepare.
 */
import type { BinaryPlan } from '../common/binary_broadcast.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';
import { ADD_KERNEL } from '../reference/add.js';
import { MUL_KERNEL } from '../reference/mul.js';
import { PRELU_KERNEL } from '../reference/prelu.js';
import { SQUARED_DIFFERENCE_KERNEL } from '../reference/squared_difference.js';
import { SUB_KERNEL } from '../reference/sub.js';
import { scratchRegion, type WasmContext } from './context.js';
import type { BinaryOpF32 } from './emit_elementwise.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packOnce } from './pack_cache.js';

export interface WasmBinaryPrepared {
  readonly plan: BinaryPlan;
  readonly min: number;
  readonly max: number;
  /** Byte offsets of constant operands copied into wasm memory (−1: read the tensor each invoke). */
  readonly constA: number;
  readonly constB: number;
  readonly aBytes: number;
  readonly bBytes: number;
  readonly stage: OutputStage;
}

function copyConstant(ctx: WasmContext, t: RuntimeTensor | null): number {
  if (!t?.isConstant) return -1;
  const at = ctx.alloc(t.data.length * 4);
  ctx.f32.set(t.data as Float32Array, at >>> 2);
  return at;
}

function operandAt(ctx: WasmContext, t: RuntimeTensor, constAt: number, scratchAt: number): number {
  return constAt >= 0 ? constAt : inputAddress(ctx, t.data as Float32Array, scratchAt, 'f32');
}

/** Runs the plan: the last outer dimension and the inner one per wasm call, the other outer ones here. */
export function runBinaryPlan(ctx: WasmContext, op: BinaryOpF32, p: BinaryPlan, a: number, b: number, out: number, lo: number, hi: number): void {
  const f = ctx.fn.binaryF32[op];
  if (p.size === 0) return;
  const nd = p.outerDims.length;
  if (p.kind !== 'general' || nd === 0) {
    f(a, 0, p.innerStrideA, b, 0, p.innerStrideB, out, 1, p.kind === 'general' ? p.inner : p.size, lo, hi);
    return;
  }
  const rows = p.outerDims[nd - 1]!;
  const strideA = p.outerStridesA[nd - 1]!;
  const strideB = p.outerStridesB[nd - 1]!;
  const block = rows * p.inner;
  const blocks = p.size / block;
  const counter = p.counter;
  counter.fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < blocks; k++) {
    f(a + ia * 4, strideA, p.innerStrideA, b + ib * 4, strideB, p.innerStrideB, out + k * block * 4, rows, p.inner, lo, hi);
    // Odometer over the outer dimensions but the last.
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]!++;
      ia += p.outerStridesA[d]!;
      ib += p.outerStridesB[d]!;
      if (counter[d]! < p.outerDims[d]!) break;
      ia -= p.outerStridesA[d]! * p.outerDims[d]!;
      ib -= p.outerStridesB[d]! * p.outerDims[d]!;
      counter[d] = 0;
    }
  }
}

interface Reference<O> {
  readonly kernel: KernelRegistration<O, unknown>;
  /** The plan and clamp bounds from the reference kernel's prepare. */
  readonly prepare: (node: NodeContext<O>) => { plan: BinaryPlan; min: number; max: number };
}

function wasmBinaryKernel<O>(op: BinaryOpF32, ref: Reference<O>): KernelRegistration<O, WasmBinaryPrepared> {
  return {
    op: ref.kernel.op,
    name: `${ref.kernel.name.split(' ')[0]} (float32, wasm simd)`,
    simd: true,
    parseOptions: ref.kernel.parseOptions,
    supports: (node) => simdSupported() && node.inputs[0]?.dtype === 'float32' && node.inputs[1]?.dtype === 'float32' &&
      node.outputs[0]?.dtype === 'float32',
    prepare: (node) => {
      const { plan, min, max } = ref.prepare(node);
      const ctx = node.wasm;
      const [a, b] = [node.inputs[0]!, node.inputs[1]!];
      const { constA, constB } = packOnce(node, () => ({ constA: copyConstant(ctx, a), constB: copyConstant(ctx, b) }));
      const aBytes = scratchRegion(numel(a) * 4);
      const bBytes = scratchRegion(numel(b) * 4);
      ctx.reserveScratch(aBytes + bBytes + scratchRegion(plan.size * 4));
      return { plan, min, max, constA, constB, aBytes, bBytes, stage: new OutputStage('f32', plan.size) };
    },
    eval: (node, d) => {
      const ctx = node.wasm;
      const base = ctx.scratch;
      const out = node.outputs[0]!.data as Float32Array;
      const a = operandAt(ctx, node.inputs[0]!, d.constA, base);
      const b = operandAt(ctx, node.inputs[1]!, d.constB, base + d.aBytes);
      const outAt = d.stage.address(ctx, out, base + d.aBytes + d.bBytes);
      runBinaryPlan(ctx, op, d.plan, a, b, outAt, d.min, d.max);
      d.stage.finish(ctx, out, outAt);
    },
  };
}

function numel(t: RuntimeTensor): number {
  return t.shape.reduce((x, y) => x * y, 1);
}

type Prepared = { readonly plan: BinaryPlan; readonly min: number; readonly max: number };
const arithmetic = <O>(kernel: KernelRegistration<O, Prepared>): Reference<O> => ({ kernel: kernel as KernelRegistration<O, unknown>, prepare: (n) => kernel.prepare(n) });

export const ADD_F32_WASM_KERNEL = wasmBinaryKernel('add', arithmetic(ADD_KERNEL));
export const SUB_F32_WASM_KERNEL = wasmBinaryKernel('sub', arithmetic(SUB_KERNEL));
export const MUL_F32_WASM_KERNEL = wasmBinaryKernel('mul', arithmetic(MUL_KERNEL));
export const SQUARED_DIFFERENCE_F32_WASM_KERNEL = wasmBinaryKernel('sqdiff', arithmetic(SQUARED_DIFFERENCE_KERNEL));
export const PRELU_F32_WASM_KERNEL = wasmBinaryKernel('prelu', {
  kernel: PRELU_KERNEL as KernelRegistration<null, unknown>,
  prepare: (n) => ({ plan: PRELU_KERNEL.prepare(n), min: -Infinity, max: Infinity }),
});
