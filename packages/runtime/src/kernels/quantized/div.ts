/**
 * DIV uint8 as TFLite's builtin kernel (the only quantized DIV it registers): each quotient of the offset
 * inputs is the dividend, normalised by its headroom, times the divisor's fixed-point reciprocal, then
 * rescaled by input1 / (input2 · output) with the total shift — which for small quotients exceeds 31, where
 * LiteRT's WebAssembly build computes what roundingDivideByPOTWasm does. A zero divisor code is refused, as
 * TFLite checks; a divisor equal to its zero point is undefined in TFLite and refused here.
 */
import { UnsupportedError } from '../../core/errors.js';
import { reciprocalSignificand } from '../common/fixed_point_exp.js';
import { roundingDivideByPOTWasm, srdhm } from '../common/fixed_point.js';
import { parseArithmeticOptions } from '../common/binary_kernel.js';
import { quantizedBinaryKernel } from '../common/integer_binary.js';
import { quantizeMultiplier, quantizedActivationRange, requireScale, tensorZeroPoint } from '../common/quantization.js';

/** TFLite's CountLeadingSignBits for int32. */
function leadingSignBits(x: number): number {
  return x >= 0 ? Math.clz32(x) - 1 : Math.clz32(~x) - 1;
}

export const DIV_UINT8_KERNEL = quantizedBinaryKernel('DIV', ['uint8'], (raw) => parseArithmeticOptions(raw, 'DivOptions'), (node) => {
  const a = node.inputs[0]!;
  const b = node.inputs[1]!;
  const out = node.outputs[0]!;
  const so = requireScale(node, out);
  // Float32 arithmetic, as the C++ divides the three float scales.
  const { multiplier, shift } = quantizeMultiplier(Math.fround(requireScale(node, a) / Math.fround(requireScale(node, b) * so)));
  const za = tensorZeroPoint(a);
  const zb = tensorZeroPoint(b);
  const zo = tensorZeroPoint(out);
  const { min, max } = quantizedActivationRange(node.options.fusedActivation, 'uint8', so, zo);
  return (x, y) => {
    if (y === 0 || y === zb) throw new UnsupportedError('DIV: division by zero');
    let num = x - za;
    let den = y - zb;
    if (den < 0) {
      num = -num;
      den = -den;
    }
    const recipShift = 31 - Math.clz32(den);
    const inverse = reciprocalSignificand(den);
    const headroom = leadingSignBits(num);
    const unscaled = srdhm(Math.imul(num, 2 ** headroom | 0), inverse);
    const total = shift - recipShift - headroom;
    const v = zo + roundingDivideByPOTWasm(srdhm(unscaled, multiplier), -total);
    return v < min ? min : v > max ? max : v;
  };
});
