/** AVERAGE_POOL_2D (float32) on WebAssembly SIMD; divides by the in-bounds tap count, like TFLite. */
import { AVERAGE_POOL_2D_KERNEL } from '../reference/average_pool_2d.js';
import { wasmPoolKernel } from './pool_kernel.js';

export const AVERAGE_POOL_2D_WASM_KERNEL = wasmPoolKernel(
  AVERAGE_POOL_2D_KERNEL, 'avg_pool_f32', 'AVERAGE_POOL_2D (float32, wasm simd)',
);
