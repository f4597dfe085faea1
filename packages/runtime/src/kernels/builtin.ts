import { OpResolver } from './resolver.js';
import { COMPUTE_KERNELS } from './reference/compute_ops.js';
import { EXTRA_KERNELS } from './reference/extra_ops.js';
import { LAYOUT_KERNELS } from './reference/layout_ops.js';
import { FULLY_CONNECTED_INT4_HYBRID_KERNEL } from './reference/fully_connected_int4_hybrid.js';
import { MORE_KERNELS } from './reference/more_ops.js';
import { CUSTOM_KERNELS } from './custom/index.js';
import { HYBRID_KERNELS, QUANTIZED_KERNELS } from './quantized/index.js';
import { RECURRENT_KERNELS } from './recurrent/index.js';
import { CONTROL_FLOW_KERNELS } from './control_flow/index.js';
import { DYNAMIC_KERNELS } from './dynamic/index.js';
import { RESOURCE_KERNELS } from './resource/index.js';
import { WASM_KERNELS } from './wasm/index.js';
import { simdSupported } from './wasm/module.js';

export interface BuiltinResolverOptions {
  /**
   * Add the WebAssembly SIMD kernels after the others, so they win where they apply. Defaults to whether the
   * engine supports WebAssembly SIMD; `false` gives the plain TypeScript kernels only.
   */
  readonly simd?: boolean;
}

/**
 * A resolver holding every kernel this package ships: the float reference kernels, then the integer ones
 * (added later, so they win for the nodes they support), the hybrid ones, then the SIMD ones. Build your own
 * OpResolver with fewer kernels to let a bundler drop the rest.
 */
export function builtinOpResolver(options: BuiltinResolverOptions = {}): OpResolver {
  const resolver = new OpResolver()
    .add(...COMPUTE_KERNELS, ...LAYOUT_KERNELS, ...EXTRA_KERNELS, ...MORE_KERNELS, ...CUSTOM_KERNELS, ...QUANTIZED_KERNELS)
    .add(...HYBRID_KERNELS)
    .add(...RECURRENT_KERNELS, ...DYNAMIC_KERNELS, ...CONTROL_FLOW_KERNELS, ...RESOURCE_KERNELS);
  // Added last so they win for the nodes they support (see wasm/index.ts); each computes bit for bit what the
  // kernel it stands in for does, or within float rounding of it.
  if (options.simd ?? simdSupported()) resolver.add(...WASM_KERNELS);
  // INT4 weights take TFLite's builtin hybrid path (XNNPACK does not run them).
  return resolver.add(FULLY_CONNECTED_INT4_HYBRID_KERNEL);
}
