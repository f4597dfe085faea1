/**
 * MUL, quantized (TFLite reference_integer_ops::MulElementwise): (x1 − zp1)·(x2 − zp2) requantized by
 * s1·s2/s_out (computed in float32, as mul.cc does), offset and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ArithmeticOptions } from '../../core/options.js';
import { planBinaryBroadcast, runBinary, type BinaryPlan, type BinaryRow } from '../common/binary_broadcast.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { requireInput, requireOutput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import {
  quantizeMultiplier, quantizedActivationRange, requireScale, tensorZeroPoint, type QuantizedDType,
} from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { isQuantizedBinaryNode, type QArray } from './add_sub_params.js';

const DEFAULTS: ArithmeticOptions = { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true };

export interface MulData {
  readonly plan: BinaryPlan;
  readonly row: BinaryRow<QArray>;
}

function prepare(node: NodeContext<ArithmeticOptions>): MulData {
  const a = requireInput(node, 0);
  const b = requireInput(node, 1);
  const out = requireOutput(node, 0);
  const plan = planBinaryBroadcast(a.shape, b.shape);
  out.shape = [...plan.outShape];
  const so = requireScale(node, out);
  const real = Math.fround(Math.fround(requireScale(node, a) * requireScale(node, b)) / so);
  const { multiplier, shift } = quantizeMultiplier(real);
  const o1 = -tensorZeroPoint(a);
  const o2 = -tensorZeroPoint(b);
  const oo = tensorZeroPoint(out);
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

export const MUL_QUANTIZED_KERNEL: KernelRegistration<ArithmeticOptions, MulData> = {
  op: BuiltinOp.MUL,
  name: 'MUL (int8/uint8/int16, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['MulOptions'], DEFAULTS),
  supports: isQuantizedBinaryNode,
  prepare,
  eval: (node, d) => {
    runBinary<QArray>(d.plan, node.inputs[0]!.data as QArray, node.inputs[1]!.data as QArray, node.outputs[0]!.data as QArray, d.row);
  },
};
