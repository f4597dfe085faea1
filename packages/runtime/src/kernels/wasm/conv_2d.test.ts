import { test } from 'node:test';
import type { Conv2DOptions, FusedActivation, Padding } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { CONV_2D_KERNEL } from '../reference/conv_2d.js';
import { CONV_2D_WASM_KERNEL } from './conv_2d.js';

interface Case {
  batches: number; h: number; w: number; inC: number; outC: number; fh: number; fw: number;
  options: Conv2DOptions; bias: boolean;
}

function options(padding: Padding, stride: [number, number], dilation: [number, number], act: FusedActivation): Conv2DOptions {
  return {
    kind: 'Conv2DOptions', padding, strideH: stride[0], strideW: stride[1], dilationH: dilation[0], dilationW: dilation[1],
    fusedActivation: act,
  };
}

function compare(c: Case, seed: number): void {
  const rand = seededRandom(seed);
  const input = randomFloats(rand, c.batches * c.h * c.w * c.inC, -3, 3);
  const filter = randomFloats(rand, c.outC * c.fh * c.fw * c.inC);
  const bias = c.bias ? randomFloats(rand, c.outC) : null;
  const spec = {
    inputs: [
      { dtype: 'float32' as const, shape: [c.batches, c.h, c.w, c.inC], data: input },
      { dtype: 'float32' as const, shape: [c.outC, c.fh, c.fw, c.inC], data: filter, constant: true },
      bias ? { dtype: 'float32' as const, shape: [c.outC], data: bias, constant: true } : null,
    ],
    outputs: [{ dtype: 'float32' as const }],
    options: c.options,
  };
  const [ours] = runKernel(CONV_2D_WASM_KERNEL, spec);
  const [ref] = runKernel(CONV_2D_KERNEL, spec);
  assertClose(ours!.shape, ref!.shape, 'shape', 0, 0);
  // The conformance float tolerance (XNNPACK-style reordered sums).
  assertClose(ours!.data as Float32Array, ref!.data as Float32Array, JSON.stringify(c), 1e-4, 1e-4);
}

test('wasm conv2d SAME padding with stride 2 on odd input matches the reference', () => {
  compare({ batches: 1, h: 7, w: 9, inC: 3, outC: 5, fh: 3, fw: 3, options: options('SAME', [2, 2], [1, 1], 'NONE'), bias: true }, 1);
});

test('wasm conv2d 1x1 runs as a direct GEMM with odd channel counts', () => {
  compare({ batches: 2, h: 5, w: 3, inC: 7, outC: 13, fh: 1, fw: 1, options: options('VALID', [1, 1], [1, 1], 'RELU6'), bias: true }, 2);
});

test('wasm conv2d with dilation and no bias matches the reference', () => {
  compare({ batches: 1, h: 11, w: 10, inC: 4, outC: 9, fh: 3, fw: 2, options: options('SAME', [1, 1], [2, 3], 'RELU'), bias: false }, 3);
});

test('wasm conv2d matches the reference on random shapes, strides, dilations and paddings', () => {
  const rand = seededRandom(42);
  const acts: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];
  for (let i = 0; i < 60; i++) {
    const fh = randomInt(rand, 1, 4);
    const fw = randomInt(rand, 1, 4);
    const c: Case = {
      batches: randomInt(rand, 1, 2), h: randomInt(rand, 1, 13), w: randomInt(rand, 1, 13), inC: randomInt(rand, 1, 11),
      outC: randomInt(rand, 1, 19), fh, fw, bias: rand() < 0.7,
      options: options(rand() < 0.5 ? 'SAME' : 'VALID', [randomInt(rand, 1, 3), randomInt(rand, 1, 3)],
        [randomInt(rand, 1, 2), randomInt(rand, 1, 2)], acts[randomInt(rand, 0, 3)]!),
    };
    compare(c, 100 + i);
  }
});

test('wasm conv2d with a large K and many rows spans several im2col bands', () => {
  compare({ batches: 1, h: 40, w: 40, inC: 32, outC: 24, fh: 3, fw: 3, options: options('SAME', [1, 1], [1, 1], 'RELU'), bias: true }, 7);
});
