/** Conv2D and FusedConv2D on the cpu backend through im2col + blocked GEMM. */
import { backend_util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvEngine } from '../threads/conv_engine.js';
import { biasActivation, isFusable } from './activation.js';
import { geometryOf } from './conv_geometry.js';
import { cpuBackend, floatValues, isChannelsLast, output, padAttr, pairAttr, required, roundingAttr, shape4, type KernelArgs } from './cpu_tensors.js';

function convolve(engine: ConvEngine, args: KernelArgs, x: TensorInfo, filter: TensorInfo): { y: Float32Array; shape: number[]; channels: number } | null {
  const backend = cpuBackend(args);
  const attrs = args.attrs ?? {};
  const xv = floatValues(backend, x);
  const wv = floatValues(backend, filter);
  if (!xv || !wv || !isChannelsLast(attrs)) return null;
  const info = backend_util.computeConv2DInfo(
    shape4(x.shape, 'conv2d x'), shape4(filter.shape, 'conv2d filter'), pairAttr(attrs, 'strides', 1),
    pairAttr(attrs, 'dilations', 1), padAttr(attrs), roundingAttr(attrs), false, 'channelsLast');
  const y = engine.forward(xv, wv, geometryOf(info));
  return { y, shape: info.outShape, channels: info.outChannels };
}

export function makeConv2D(stock: KernelFunc, engine: ConvEngine): KernelFunc {
  return (args) => {
    const r = convolve(engine, args, required(args, 'x'), required(args, 'filter'));
    return r ? output(cpuBackend(args), r.shape, r.y) : stock(args);
  };
}

export function makeFusedConv2D(stock: KernelFunc, engine: ConvEngine): KernelFunc {
  return (args) => {
    const { bias, preluActivationWeights } = args.inputs;
    const act = args.attrs?.activation;
    if (preluActivationWeights || !isFusable(act)) return stock(args);
    const backend = cpuBackend(args);
    const b = bias ? floatValues(backend, bias) : null;
    if (bias && !b) return stock(args);
    const r = convolve(engine, args, required(args, 'x'), required(args, 'filter'));
    if (!r || (b && b.length !== 1 && b.length !== r.channels)) return stock(args);
    const alpha = args.attrs?.leakyreluAlpha;
    biasActivation(r.y, r.channels, b, act, typeof alpha === 'number' ? alpha : 0.2);
    return output(backend, r.shape, r.y);
  };
}
