/**
 * RESIZE_NEAREST_NEIGHBOR for int8, uint8 and int16: the float kernel's coordinate rules and copy loop (it
 * moves raw values of any dtype), accepted when the output shares the input's scale and zero point, so a
 * copied value means the same real number.
 */
import { sameQuantization } from '../common/layout_checks.js';
import type { NodeSignature } from '../kernel.js';
import { RESIZE_NEAREST_NEIGHBOR_KERNEL } from './resize_nearest_neighbor.js';

function supportsQuantized(node: NodeSignature): boolean {
  const input = node.inputs[0];
  const output = node.outputs[0];
  if (!input || !output || input.dtype !== output.dtype) return false;
  const quantizedType = input.dtype === 'int8' || input.dtype === 'uint8' || input.dtype === 'int16';
  return quantizedType && sameQuantization(input.quantization, output.quantization);
}

type NearestRegistration = typeof RESIZE_NEAREST_NEIGHBOR_KERNEL;

export const RESIZE_NEAREST_NEIGHBOR_QUANTIZED_KERNEL: NearestRegistration = {
  ...RESIZE_NEAREST_NEIGHBOR_KERNEL,
  name: 'RESIZE_NEAREST_NEIGHBOR (int8/uint8/int16, reference)',
  supports: supportsQuantized,
};
