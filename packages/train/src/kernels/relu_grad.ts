/**
 * ReLU's gradient in one pass. TF.js differentiates Relu as dy · cast(step(x)): two full passes and two
 * activation-sized allocations per ReLU per batch. Registering a gradient for 'Relu' that runs one kernel,
 * dy where x > 0, gives the same values (NaN where x is NaN, dy·0 elsewhere, as the stock product does).
 */
import { engine, type GradConfig, type KernelConfig, type NamedAttrMap, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { cpuBackend, floatValues, output, required, sharedFloats, type KernelArgs } from './cpu_tensors.js';

export const RELU_GRAD = 'TfliteLambdaReluGrad';

function reluGrad(args: KernelArgs): TensorInfo {
  const backend = cpuBackend(args);
  const dy = required(args, 'dy');
  const x = required(args, 'x');
  const dyv = floatValues(backend, dy);
  const xv = floatValues(backend, x);
  if (!dyv || !xv || dyv.length !== xv.length) throw new Error(`${RELU_GRAD} needs float32 dy and x of one shape`);
  const out = sharedFloats(xv.length);
  for (let i = 0; i < xv.length; i++) {
    const v = xv[i];
    out[i] = v > 0 ? dyv[i] : v !== v ? NaN : dyv[i] * 0;
  }
  return output(backend, x.shape, out);
}

export const reluGradKernel: KernelConfig = { kernelName: RELU_GRAD, backendName: 'cpu', kernelFunc: reluGrad };

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
