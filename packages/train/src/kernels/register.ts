/**
 * Explicit registration of the fast training kernels with TF.js's cpu backend. Nothing registers on import:
 * call registerFastKernels() after the cpu backend is loaded, and unregisterFastKernels() to restore the
 * stock kernels (tests compare against them).
 */
import {
  getGradient, getKernel, registerGradient, registerKernel, unregisterKernel, type GradConfig, type KernelConfig, type KernelFunc,
} from '@tensorflow/tfjs-core';
import { makeConv2D, makeFusedConv2D } from './conv2d.js';
import { makeConv2DBackpropFilter, makeConv2DBackpropInput } from './conv2d_backprop.js';
import { makeBatchMatMul, makeFusedMatMul } from './matmul.js';
import { makeMaxPool, makeMaxPoolGrad } from './max_pool.js';
import { makeSum } from './sum.js';
import { makeBinary, makeRelu, makeStep } from './elementwise.js';
import { makeReluGradient, reluGradKernel } from './relu_grad.js';
import { ConvThreads, SERIAL_ENGINE, type ConvEngine } from '../gemm/conv_threads.js';

const FAST: Record<string, (stock: KernelFunc, engine: ConvEngine) => KernelFunc> = {
  Conv2D: makeConv2D,
  FusedConv2D: makeFusedConv2D,
  Conv2DBackpropFilter: makeConv2DBackpropFilter,
  Conv2DBackpropInput: makeConv2DBackpropInput,
  BatchMatMul: makeBatchMatMul,
  _FusedMatMul: makeFusedMatMul,
  MaxPool: makeMaxPool,
  MaxPoolGrad: makeMaxPoolGrad,
  Sum: makeSum,
  Add: makeBinary('add'),
  Sub: makeBinary('sub'),
  Multiply: makeBinary('mul'),
  Relu: makeRelu,
  Step: makeStep,
};

const BACKEND = 'cpu';
const stockConfigs = new Map<string, KernelConfig>();
let stockReluGradient: GradConfig | null = null;

/** The stock cpu kernel for `name` as registered before registerFastKernels() (for tests and fallbacks). */
export function stockKernel(name: string): KernelConfig | undefined {
  return stockConfigs.get(name) ?? getKernel(name, BACKEND);
}

export function fastKernelNames(): string[] {
  return Object.keys(FAST);
}

let engine: ConvEngine = SERIAL_ENGINE;

export interface FastKernelOptions {
  /** Run convolutions on two threads (this one and a worker). Default true. */
  readonly threads?: boolean;
}

export function registerFastKernels(options: FastKernelOptions = {}): void {
  if (options.threads ?? true) {
    if (engine === SERIAL_ENGINE) engine = ConvThreads.create();
  }
  for (const [name, make] of Object.entries(FAST)) {
    const current = getKernel(name, BACKEND);
    if (!current) throw new Error(`TF.js cpu backend has no ${name} kernel to replace; import @tensorflow/tfjs-backend-cpu first`);
    if (stockConfigs.has(name)) continue; // already ours
    stockConfigs.set(name, current);
    unregisterKernel(name, BACKEND);
    registerKernel({ ...current, kernelFunc: make(current.kernelFunc, engine) });
  }
  if (!stockReluGradient) {
    stockReluGradient = getGradient('Relu');
    if (!stockReluGradient) throw new Error('TF.js has no gradient for Relu to replace; import @tensorflow/tfjs-layers (or the gradients) first');
    registerKernel(reluGradKernel);
    registerGradient(makeReluGradient(stockReluGradient));
  }
}

export function unregisterFastKernels(): void {
  for (const [name, stock] of stockConfigs) {
    unregisterKernel(name, BACKEND);
    registerKernel(stock);
  }
  stockConfigs.clear();
  if (stockReluGradient) {
    registerGradient(stockReluGradient);
    unregisterKernel(reluGradKernel.kernelName, BACKEND);
    stockReluGradient = null;
  }
  void engine.close();
  engine = SERIAL_ENGINE;
}
