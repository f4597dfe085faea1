import { builtinOpResolver } from './builtin.js';
import type { OpResolver } from './resolver.js';
import { WASM_KERNELS } from './wasm/index.js';

/**
 * Every builtin kernel plus the WebAssembly SIMD ones added last, so they win wherever they apply (float32
 * and int8 CONV_2D, DEPTHWISE_CONV_2D with multiplier 1, FULLY_CONNECTED). Without SIMD support the wasm
 * registrations decline every node and the TypeScript kernels run. `builtinOpResolver()` already does this
 * by default; this names the choice explicitly.
 */
export function wasmOpResolver(): OpResolver {
  return builtinOpResolver({ simd: false }).add(...WASM_KERNELS);
}
