/** MaxPool and MaxPoolGrad on the cpu backend (the stock gradient walks TensorBuffers element by element). */
import { backend_util, type KernelFunc, type NamedAttrMap } from '@tensorflow/tfjs-core';
import { maxPoolBackprop, maxPoolForward, type PoolGeometry } from '../compute/max_pool.js';
import { splitTargets, type Executor } from '../threads/executor.js';
import { outputPool } from '../threads/output_pool.js';
import { cpuBackend, floatValues, output, padAttr, pairAttr, required, roundingAttr, shape4 } from './cpu_tensors.js';

function geometry(xShape: number[], attrs: NamedAttrMap): { g: PoolGeometry; outShape: number[] } {
  const info = backend_util.computePool2DInfo(shape4(xShape, 'maxPool x'), pairAttr(attrs, 'filterSize', 1), pairAttr(attrs, 'strides', 1), 1, padAttr(attrs), roundingAttr(attrs), 'channelsLast');
  return {
    g: {
      batch: info.batchSize, inH: info.inHeight, inW: info.inWidth, channels: info.inChannels, outH: info.outHeight, outW: info.outWidth,
      fh: info.filterHeight, fw: info.filterWidth, strideH: info.strideHeight, strideW: info.strideWidth, padTop: info.padInfo.top, padLeft: info.padInfo.left,
    },
    outShape: info.outShape,
  };
}

export function makeMaxPool(stock: KernelFunc, e: Executor): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const x = required(args, 'x');
    const xv = floatValues(backend, x);
    if (!xv || x.shape.length !== 4) return stock(args);
    const { g, outShape } = geometry(x.shape, args.attrs ?? {});
    const y = outputPool.take(outShape.reduce((a, b) => a * b, 1));
    const s = splitTargets(e, g.batch, xv.length, xv, y);
    if (s) e.run({ kind: 'maxPool', g, x: s[0], out: s[1] }, g.batch);
    else maxPoolForward(xv, g, y);
    return output(backend, outShape, y);
  };
}

export function makeMaxPoolGrad(stock: KernelFunc, e: Executor): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const dy = required(args, 'dy');
    const input = required(args, 'input');
    const dyv = floatValues(backend, dy);
    const xv = floatValues(backend, input);
    if (!dyv || !xv || input.shape.length !== 4) return stock(args);
    const { g } = geometry(input.shape, args.attrs ?? {});
    const dx = outputPool.take(xv.length);
    const s = splitTargets(e, g.batch, xv.length, dyv, xv, dx);
    if (s) e.run({ kind: 'maxPoolGrad', g, dy: s[0], x: s[1], out: s[2] }, g.batch);
    else maxPoolBackprop(dyv, xv, g, dx);
    return output(backend, input.shape, dx);
  };
}
