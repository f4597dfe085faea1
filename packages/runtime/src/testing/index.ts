export { repoRoot, sharedDir, skipWithoutShared } from './paths.js';
export { runKernel, toTypedArray } from '../kernels/kernel_runner.js';
export type { RunKernelSpec, TestOutputSpec, TestTensorSpec } from '../kernels/kernel_runner.js';
export * from './litert/index.js';
