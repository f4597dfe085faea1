/**
 * RIGHT_SHIFT (int8/16/32, uint8/16/32) with numpy broadcasting: x >> y, arithmetic for signed values, with
 * the shift clamped into [0, bits − 1] as TFLite does to avoid undefined shifts.
 */
import { integerBinaryKernel } from '../common/integer_binary_kernel.js';

export const RIGHT_SHIFT_KERNEL = integerBinaryKernel('RIGHT_SHIFT', (x, y, bits) => {
  const shift = y < 0 ? 0 : y > bits - 1 ? bits - 1 : y;
  // Unsigned 32-bit values above 2^31 need the logical shift; every other value is exact under >>.
  return x > 0x7fffffff ? x >>> shift : x >> shift;
});
