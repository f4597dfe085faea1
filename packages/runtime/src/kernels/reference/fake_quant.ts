/**
 * FAKE_QUANT (float32): quantize to num_bits on the [min, max] range nudged so that zero is exact, then
 * dequantize — TensorFlow's FakeQuantizeWithMinMaxVars, as TFLite's NudgeQuantizationRange and
 * FakeQuantizeArray compute it, every step in float32, rounding half away from zero. narrow_range (version 2)
 * is refused, as TFLite's kernel refuses it ("only meant to be applied to weights, not activations").
 */
import { BuiltinOp } from '../../core/ops.js';
import type { FakeQuantOptions } from '../../core/options.js';
import { expectDType, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface Nudged {
  readonly scale: number;
  readonly inverse: number;
  readonly min: number;
  readonly max: number;
}

const f = Math.fround;
const roundHalfAway = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

export function nudgeRange(min: number, max: number, quantMin: number, quantMax: number): Nudged {
  const scale = f(f(f(max) - f(min)) / (quantMax - quantMin));
  const zeroFromMin = f(quantMin - f(f(min) / scale));
  const zero = zeroFromMin < quantMin ? quantMin : zeroFromMin > quantMax ? quantMax : roundHalfAway(zeroFromMin);
  return { scale, inverse: f(1 / scale), min: f((quantMin - zero) * scale), max: f((quantMax - zero) * scale) };
}

export const FAKE_QUANT_KERNEL: KernelRegistration<FakeQuantOptions, Nudged> = {
  op: BuiltinOp.FAKE_QUANT,
  name: 'FAKE_QUANT (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['FakeQuantOptions']),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32'], 'input');
    expectDType(node, output, ['float32'], 'output');
    const o = node.options;
    if (!(o.numBits >= 2 && o.numBits <= 16)) throw shapeError(node, `num_bits ${o.numBits} must be in [2, 16]`);
    if (o.narrowRange) throw unsupported(node, 'narrow_range is not supported at run time (TFLite refuses it too)');
    output.shape = [...input.shape];
    return nudgeRange(o.min, o.max, 0, (1 << o.numBits) - 1);
  },
  eval(node, n) {
    const x = node.inputs[0]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
    for (let i = 0; i < x.length; i++) {
      const clamped = Math.min(n.max, Math.max(n.min, x[i]!));
      const steps = roundHalfAway(f(f(clamped - n.min) * n.inverse));
      out[i] = f(steps * n.scale) + n.min;
    }
  },
};
