/**
 * ADD (int8, same shapes, no broadcasting) on WebAssembly SIMD with XNNPACK's arithmetic — bit-exact with
 * the XNNPACK-mode TypeScript kernel (quantized/add_sub_params.ts), whose prepare validates the node. The
 * parameters are derived the same way: multipliers lrintf(s_in/s_out · 2^shift) sharing one shift, and a
 * bias holding the rounding term and both input zero points. Broadcasting ADDs, uint8/int16, and scale
 * ratios outside XNNPACK's range stay on the TypeScript kernels.
 */
import type { ArithmeticOptions } from '../../core/options.js';
import { frexp, roundHalfEven } from '../common/quantization.js';
import type { KernelRegistration, NodeSignature, RuntimeTensor } from '../kernel.js';
import { ADD_QUANTIZED_XNNPACK_KERNEL } from '../quantized/add.js';
import { xnnpackActivationRange } from '../quantized/xnnpack_delegation.js';
import { scratchRegion } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';

export interface WasmAddPrepared {
  readonly n: number;
  readonly aMul: number;
  readonly bMul: number;
  readonly bias: number;
  readonly shift: number;
  readonly min: number;
  readonly max: number;
  readonly zeroPoint: number;
  readonly slot: number;
  readonly stage: OutputStage;
}

const scaleOf = (t: RuntimeTensor) => t.quantization?.scale[0] ?? NaN;
const zeroPointOf = (t: RuntimeTensor) => t.quantization?.zeroPoint[0] ?? 0;

/** XNNPACK's shared shift, or null outside the range it (and the TypeScript kernel) accept. */
function addShift(sa: number, sb: number, so: number): number | null {
  const ra = Math.fround(sa / so);
  const rb = Math.fround(sb / so);
  if (![ra, rb].every((r) => r >= 2 ** -10 && r < 2 ** 8)) return null;
  const shift = 20 - (frexp(Math.max(ra, rb)).exponent - 1);
  return shift < 12 || shift > 30 ? null : shift;
}

function sameShapes(node: NodeSignature): boolean {
  const [a, b] = node.inputs;
  return !!a && !!b && a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

export const ADD_INT8_WASM_KERNEL: KernelRegistration<ArithmeticOptions, WasmAddPrepared> = {
  op: ADD_QUANTIZED_XNNPACK_KERNEL.op,
  name: 'ADD (int8, wasm simd)',
  simd: true,
  parseOptions: ADD_QUANTIZED_XNNPACK_KERNEL.parseOptions,
  supports: (node) => {
    const [a, b] = node.inputs;
    const out = node.outputs[0];
    return simdSupported() && a?.dtype === 'int8' && b?.dtype === 'int8' && out?.dtype === 'int8' && sameShapes(node) &&
      ADD_QUANTIZED_XNNPACK_KERNEL.supports?.(node) !== false && addShift(scaleOf(a), scaleOf(b), scaleOf(out)) !== null;
  },
  prepare: (node) => {
    ADD_QUANTIZED_XNNPACK_KERNEL.prepare(node);
    const [a, b] = [node.inputs[0]!, node.inputs[1]!];
    const out = node.outputs[0]!;
    const [sa, sb, so] = [scaleOf(a), scaleOf(b), scaleOf(out)];
    const shift = addShift(sa, sb, so)!;
    const aMul = roundHalfEven(Math.fround(Math.fround(sa / so) * 2 ** shift));
    const bMul = roundHalfEven(Math.fround(Math.fround(sb / so) * 2 ** shift));
    const zo = zeroPointOf(out);
    const act = xnnpackActivationRange(node.options.fusedActivation, 'int8', so, zo);
    const n = out.shape.reduce((x, y) => x * y, 1);
    const slot = scratchRegion(n);
    node.wasm.reserveScratch(3 * slot);
    return {
      n, aMul, bMul, bias: (1 << (shift - 1)) - aMul * zeroPointOf(a) - bMul * zeroPointOf(b), shift,
      min: act.min - zo, max: act.max - zo, zeroPoint: zo, slot, stage: new OutputStage('i8', n),
    };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    const aAt = inputAddress(ctx, node.inputs[0]!.data as Int8Array, base, 'i8');
    const bAt = inputAddress(ctx, node.inputs[1]!.data as Int8Array, base + d.slot, 'i8');
    const outAt = d.stage.address(ctx, out, base + 2 * d.slot);
    ctx.fn.add_i8(aAt, bAt, outAt, d.n, d.aMul, d.bMul, d.bias, d.shift, d.min, d.max, d.zeroPoint);
    d.stage.finish(ctx, out, outAt);
  },
};
