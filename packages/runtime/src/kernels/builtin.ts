import { OpResolver } from './resolver.js';
import { COMPUTE_KERNELS } from './reference/compute_ops.js';
import { LAYOUT_KERNELS } from './reference/layout_ops.js';
import { QUANTIZED_KERNELS } from './quantized/index.js';

/**
 * A resolver holding every kernel this package ships: the float reference kernels, then the integer ones
 * (added later, so they win for the nodes they support). Build your own OpResolver with fewer kernels to
 * let a bundler drop the rest.
 */
export function builtinOpResolver(): OpResolver {
  return new OpResolver().add(...COMPUTE_KERNELS, ...LAYOUT_KERNELS, ...QUANTIZED_KERNELS);
}
