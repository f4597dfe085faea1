/** MAX_POOL_2D (float32) on WebAssembly SIMD, 4 channels per vector (see emit_pool.ts). */
import { MAX_POOL_2D_KERNEL } from '../reference/max_pool_2d.js';
import { wasmPoolKernel } from './pool_kernel.js';

export const MAX_POOL_2D_WASM_KERNEL = wasmPoolKernel(MAX_POOL_2D_KERNEL, 'max_pool_f32', 'MAX_POOL_2D (float32, wasm simd)');
