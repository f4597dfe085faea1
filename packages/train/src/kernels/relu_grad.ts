/**
 * ReLU's gradient in one pass. TF.js differentiates Relu as dy · cast(step(x)): two full passes and two
 * activation-sized allocations per ReLU per batch. Registering a gradient for 'Relu' that runs one kernel,
 * dy where x > 0, gives the same values (NaN where x is NaN, dy·0 elsewhere, as the stock product does).
 */
import { engine, type GradConfig, type KernelConfig, type NamedAttrMap, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { reluGradRange } from '../compute/pointwise.js';
import { splitTargets, type Executor } from '../threads/executor.js';
import { outputPool } from '../threads/output_pool.js';
import { cpuBackend, floatValues, output, required, type KernelArgs } from './cpu_tensors.js';

export const RELU_GRAD = 'TfliteLambdaReluGrad';

function reluGrad(e: Executor, args: KernelArgs): TensorInfo {
  const backend = cpuBackend(args);
  const dy = required(args, 'dy');
  const x = required(args, 'x');
  const dyv = floatValues(backend, dy);
  const xv = floatValues(backend, x);
  if (!dyv || !xv || dyv.length !== xv.length) throw new Error(`${RELU_GRAD} needs float32 dy and x of one shape`);
  const out = outputPool.take(xv.length);
  const s = splitTargets(e, xv.length, xv.length, dyv, xv, out);
  if (s) e.run({ kind: 'reluGrad', dy: s[0], x: s[1], out: s[2] }, xv.length);
  else reluGradRange(dyv, xv, out, 0, xv.length);
  return output(backend, x.shape, out);
}

export function reluGradKernel(e: Executor): KernelConfig {
  return { kernelName: RELU_GRAD, backendName: 'cpu', kernelFunc: (args) => reluGrad(e, args) };
}

/** The replacement gradient; anything but float32 tensors of one shape goes to the stock gradient. */
export function makeReluGradient(stock: GradConfig): GradConfig {
  return {
    ...stock,
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      const [x] = saved;
      if (Array.isArray(dy) || !x || dy.dtype !== 'float32' || x.dtype !== 'float32' || dy.size !== x.size) return stock.gradFunc(dy, saved, attrs);
      return { x: () => engine().runKernel(RELU_GRAD, { dy, x }) as Tensor };
    },
  };
}
