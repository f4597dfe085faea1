/** Conv2DBackpropFilter and Conv2DBackpropInput on the cpu backend through im2col/col2im + blocked GEMM. */
import { backend_util, type KernelFunc } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter, conv2dBackpropInput } from '../gemm/conv.js';
import { geometryOf } from './conv_geometry.js';
import { cpuBackend, floatValues, isChannelsLast, numberListAttr, output, padAttr, pairAttr, roundingAttr, shape4 } from './cpu_tensors.js';

export function makeConv2DBackpropFilter(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const attrs = args.attrs ?? {};
    const { x, dy } = args.inputs;
    const xv = floatValues(backend, x);
    const dyv = floatValues(backend, dy);
    if (!xv || !dyv || !isChannelsLast(attrs)) return stock(args);
    const filterShape = shape4(numberListAttr(attrs, 'filterShape'), 'filterShape');
    const info = backend_util.computeConv2DInfo(shape4(x.shape, 'x'), filterShape, pairAttr(attrs, 'strides', 1), 1, padAttr(attrs), roundingAttr(attrs), false, 'channelsLast');
    const dw = new Float32Array(filterShape.reduce((a, b) => a * b, 1));
    conv2dBackpropFilter(xv, dyv, geometryOf(info), dw);
    return output(backend, filterShape, dw);
  };
}

export function makeConv2DBackpropInput(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const attrs = args.attrs ?? {};
    const { dy, filter } = args.inputs;
    const dyv = floatValues(backend, dy);
    const wv = floatValues(backend, filter);
    if (!dyv || !wv || !isChannelsLast(attrs)) return stock(args);
    const inputShape = shape4(numberListAttr(attrs, 'inputShape'), 'inputShape');
    const info = backend_util.computeConv2DInfo(inputShape, shape4(filter.shape, 'filter'), pairAttr(attrs, 'strides', 1), 1, padAttr(attrs), roundingAttr(attrs), false, 'channelsLast');
    const dx = new Float32Array(inputShape.reduce((a, b) => a * b, 1));
    conv2dBackpropInput(dyv, wv, geometryOf(info), dx);
    return output(backend, inputShape, dx);
  };
}
