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
import { makeReluGradient, RELU_GRAD, reluGradKernel } from './relu_grad.js';
import { unhookBackends } from './backend_hooks.js';
import { convEngine, type ConvEngine } from '../threads/conv_engine.js';
import { SERIAL, TwoThreads, type Executor } from '../threads/executor.js';

/** What a fast kernel may run on: the executor (one or two threads) and the convolution engine over it. */
interface KernelContext {
  readonly executor: Executor;
  readonly conv: ConvEngine;
}

const FAST: Record<string, (stock: KernelFunc, c: KernelContext) => KernelFunc> = {
  Conv2D: (s, c) => makeConv2D(s, c.conv),
  FusedConv2D: (s, c) => makeFusedConv2D(s, c.conv),
  Conv2DBackpropFilter: (s, c) => makeConv2DBackpropFilter(s, c.conv),
  Conv2DBackpropInput: (s, c) => makeConv2DBackpropInput(s, c.conv),
  BatchMatMul: makeBatchMatMul,
  _FusedMatMul: makeFusedMatMul,
  MaxPool: (s, c) => makeMaxPool(s, c.executor),
  MaxPoolGrad: (s, c) => makeMaxPoolGrad(s, c.executor),
  Sum: (s, c) => makeSum(s, c.executor),
  Add: (s, c) => makeBinary('add')(s, c.executor),
  Sub: (s, c) => makeBinary('sub')(s, c.executor),
  Multiply: (s, c) => makeBinary('mul')(s, c.executor),
  Relu: (s, c) => makeRelu(s, c.executor),
  Step: (s, c) => makeStep(s, c.executor),
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

let executor: Executor = SERIAL;

export interface FastKernelOptions {
  /** Split large kernels over two threads (this one and a worker). Default true. */
  readonly threads?: boolean;
}

export function registerFastKernels(options: FastKernelOptions = {}): void {
  if ((options.threads ?? true) && executor === SERIAL) executor = TwoThreads.create();
  const context: KernelContext = { executor, conv: convEngine(executor) };
  for (const [name, make] of Object.entries(FAST)) {
    const current = getKernel(name, BACKEND);
    if (!current) throw new Error(`TF.js cpu backend has no ${name} kernel to replace; import @tensorflow/tfjs-backend-cpu first`);
    if (stockConfigs.has(name)) continue; // already ours
    stockConfigs.set(name, current);
    unregisterKernel(name, BACKEND);
    registerKernel({ ...current, kernelFunc: make(current.kernelFunc, context) });
  }
  if (!stockReluGradient) {
    stockReluGradient = getGradient('Relu');
    if (!stockReluGradient) throw new Error('TF.js has no gradient for Relu to replace; import @tensorflow/tfjs-layers (or the gradients) first');
    registerKernel(reluGradKernel(executor));
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
    unregisterKernel(RELU_GRAD, BACKEND);
    stockReluGradient = null;
  }
  unhookBackends();
  void executor.close();
  executor = SERIAL;
}
