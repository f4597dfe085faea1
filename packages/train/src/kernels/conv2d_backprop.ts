/** Conv2DBackpropFilter and Conv2DBackpropInput on the cpu backend through im2col/col2im + blocked GEMM. */
import { backend_util, type KernelFunc } from '@tensorflow/tfjs-core';
import type { ConvEngine } from '../threads/conv_engine.js';
import { geometryOf } from './conv_geometry.js';
import { cpuBackend, floatValues, isChannelsLast, numberListAttr, output, padAttr, pairAttr, required, roundingAttr, shape4 } from './cpu_tensors.js';

export function makeConv2DBackpropFilter(stock: KernelFunc, engine: ConvEngine): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const attrs = args.attrs ?? {};
    const x = required(args, 'x');
    const dy = required(args, 'dy');
    const xv = floatValues(backend, x);
    const dyv = floatValues(backend, dy);
    if (!xv || !dyv || !isChannelsLast(attrs)) return stock(args);
    const filterShape = shape4(numberListAttr(attrs, 'filterShape'), 'filterShape');
    const info = backend_util.computeConv2DInfo(shape4(x.shape, 'x'), filterShape, pairAttr(attrs, 'strides', 1), 1, padAttr(attrs), roundingAttr(attrs), false, 'channelsLast');
    const dw = engine.backpropFilter(xv, dyv, geometryOf(info));
    return output(backend, filterShape, dw);
  };
}

export function makeConv2DBackpropInput(stock: KernelFunc, engine: ConvEngine): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const attrs = args.attrs ?? {};
    const dy = required(args, 'dy');
    const filter = required(args, 'filter');
    const dyv = floatValues(backend, dy);
    const wv = floatValues(backend, filter);
    if (!dyv || !wv || !isChannelsLast(attrs)) return stock(args);
    const inputShape = shape4(numberListAttr(attrs, 'inputShape'), 'inputShape');
    const info = backend_util.computeConv2DInfo(inputShape, shape4(filter.shape, 'filter'), pairAttr(attrs, 'strides', 1), 1, padAttr(attrs), roundingAttr(attrs), false, 'channelsLast');
    const dx = engine.backpropInput(dyv, wv, geometryOf(info));
    return output(backend, inputShape, dx);
  };
}
