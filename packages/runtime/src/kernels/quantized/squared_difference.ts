/**
 * SQUARED_DIFFERENCE int8 as TFLite's builtin kernel (LiteRT's XNNPACK delegate takes only float32): both
 * inputs, offset and shifted left 7 bits, are brought to a common scale (each at most half the larger input
 * scale), the difference is squared in int32 and rescaled to the output, clamped to int8.
 */
import { multiplyByQuantizedMultiplierSmallerThanOne } from '../common/fixed_point.js';
import { quantizedBinaryKernel } from '../common/integer_binary.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';

const LEFT_SHIFT = 7;

export const SQUARED_DIFFERENCE_INT8_KERNEL = quantizedBinaryKernel('SQUARED_DIFFERENCE', ['int8'], () => null, (node) => {
  const a = node.inputs[0]!;
  const b = node.inputs[1]!;
  const out = node.outputs[0]!;
  const sa = requireScale(node, a);
  const sb = requireScale(node, b);
  const twiceMax = 2 * Math.max(sa, sb);
  const ma = quantizeMultiplier(sa / twiceMax);
  const mb = quantizeMultiplier(sb / twiceMax);
  const mo = quantizeMultiplier((twiceMax * twiceMax) / ((1 << (LEFT_SHIFT * 2)) * requireScale(node, out)));
  const za = tensorZeroPoint(a);
  const zb = tensorZeroPoint(b);
  const zo = tensorZeroPoint(out);
  return (x, y) => {
    const xa = multiplyByQuantizedMultiplierSmallerThanOne((x - za) << LEFT_SHIFT, ma.multiplier, ma.shift);
    const yb = multiplyByQuantizedMultiplierSmallerThanOne((y - zb) << LEFT_SHIFT, mb.multiplier, mb.shift);
    const d = xa - yb;
    const v = multiplyByQuantizedMultiplierSmallerThanOne(Math.imul(d, d), mo.multiplier, mo.shift) + zo;
    return v < -128 ? -128 : v > 127 ? 127 : v;
  };
});
