/**
 * Custom operators (BuiltinOp.CUSTOM, told apart by the node's custom code) that Google's runtimes ship for
 * published models: MediaPipe's segmentation and face-mesh operators and TFLite Micro's signal library.
 */
import type { AnyKernel } from '../kernel.js';

export const CUSTOM_KERNELS: readonly AnyKernel[] = [] as AnyKernel[];
