/**
 * MUL, quantized (TFLite reference_integer_ops::MulElementwise): (x1 − zp1)·(x2 − zp2) requantized by
 * s1·s2/s_out (computed in float32, as mul.cc does), offset and clamped. The 'xnnpack' variant (8-bit,
 * what LiteRT's default delegate computes) converts the product to float32, multiplies by that float32
 * scale and rounds half to even.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ArithmeticOptions } from '../../core/options.js';
import { planBinaryBroadcast, runBinary, type BinaryPlan, type BinaryRow } from '../common/binary_broadcast.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { requireInput, requireOutput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import {
  quantizeMultiplier, quantizedActivationRange, requireScale, roundHalfEven, tensorZeroPoint, type QuantizedDType,
} from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { isQuantized8BinaryNode, isQuantizedBinaryNode, type QArray } from './add_sub_params.js';
import { xnnpackActivationRange, xnnpackTakesMulScales } from './xnnpack_delegation.js';

const DEFAULTS: ArithmeticOptions = { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true };

export interface MulData {
  readonly plan: BinaryPlan;
  readonly row: BinaryRow<QArray>;
}

function prepare(node: NodeContext<ArithmeticOptions>, mode: 'reference' | 'xnnpack'): MulData {
  const a = requireInput(node, 0);
  const b = requireInput(node, 1);
  const out = requireOutput(node, 0);
  const plan = planBinaryBroadcast(a.shape, b.shape);
  out.shape = [...plan.outShape];
  const sa = requireScale(node, a);
  const sb = requireScale(node, b);
  const so = requireScale(node, out);
  const real = Math.fround(Math.fround(sa * sb) / so);
  const { multiplier, shift } = quantizeMultiplier(real);
  const o1 = -tensorZeroPoint(a);
  const o2 = -tensorZeroPoint(b);
  const oo = tensorZeroPoint(out);
  if (mode === 'xnnpack' && (out.dtype === 'int8' || out.dtype === 'uint8') && xnnpackTakesMulScales(sa, sb, so)) {
    const { min, max } = xnnpackActivationRange(node.options.fusedActivation, out.dtype, so, oo);
    const scale = Math.fround(real);
    const xnnRow: BinaryRow<QArray> = (x, xi, xs, y, yi, ys, o, oi, n) => {
      for (let i = 0; i < n; i++) {
        const p = (x[xi + i * xs]! + o1) * (y[yi + i * ys]! + o2);
        const v = roundHalfEven(Math.fround(p * scale)) + oo;
        o[oi + i] = v < min ? min : v > max ? max : v;
      }
    };
    return { plan, row: xnnRow };
  }
  const { min, max } = quantizedActivationRange(node.options.fusedActivation, out.dtype as QuantizedDType, so, oo);
  const row: BinaryRow<QArray> = (x, xi, xs, y, yi, ys, o, oi, n) => {
    for (let i = 0; i < n; i++) {
      const p = Math.imul(x[xi + i * xs]! + o1, y[yi + i * ys]! + o2);
      const v = multiplyByQuantizedMultiplier(p, multiplier, shift) + oo;
      o[oi + i] = v < min ? min : v > max ? max : v;
    }
  };
  return { plan, row };
}

function mulKernel(mode: 'reference' | 'xnnpack'): KernelRegistration<ArithmeticOptions, MulData> {
  return {
    op: BuiltinOp.MUL,
    name: mode === 'xnnpack' ? 'MUL (int8/uint8, XNNPACK arithmetic)' : 'MUL (int8/uint8/int16, reference)',
    parseOptions: (raw) => optionsOrDefault(raw, ['MulOptions'], DEFAULTS),
    supports: mode === 'xnnpack' ? isQuantized8BinaryNode : isQuantizedBinaryNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => {
      runBinary<QArray>(d.plan, node.inputs[0]!.data as QArray, node.inputs[1]!.data as QArray, node.outputs[0]!.data as QArray, d.row);
    },
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const MUL_QUANTIZED_KERNEL = mulKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (8-bit only). */
export const MUL_QUANTIZED_XNNPACK_KERNEL = mulKernel('xnnpack');
