/** MAX_POOL_2D on WebAssembly SIMD: float32 (4 channels per vector) and int8/uint8 (16), see emit_pool.ts. */
import { MAX_POOL_2D_QUANTIZED_KERNEL } from '../quantized/max_pool_2d.js';
import { MAX_POOL_2D_KERNEL } from '../reference/max_pool_2d.js';
import { wasmPoolKernel } from './pool_kernel.js';

export const MAX_POOL_2D_WASM_KERNEL = wasmPoolKernel(MAX_POOL_2D_KERNEL, 'max_pool_f32', 'MAX_POOL_2D (float32, wasm simd)');
export const MAX_POOL_2D_8BIT_WASM_KERNEL = wasmPoolKernel(MAX_POOL_2D_QUANTIZED_KERNEL, 'max_pool_8bit', 'MAX_POOL_2D (int8/uint8, wasm simd)');
