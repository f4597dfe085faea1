import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DepthwiseConv2DOptions, FusedActivation, Padding } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { DEPTHWISE_CONV_2D_KERNEL } from '../reference/depthwise_conv_2d.js';
import { DEPTHWISE_CONV_2D_WASM_KERNEL } from './depthwise_conv_2d.js';

interface Case {
  batches: number; h: number; w: number; c: number; fh: number; fw: number; bias: boolean;
  padding: Padding; stride: [number, number]; dilation: [number, number]; act: FusedActivation;
}

function spec(c: Case, seed: number, multiplier = 1) {
  const rand = seededRandom(seed);
  const outC = c.c * multiplier;
  const options: DepthwiseConv2DOptions = {
    kind: 'DepthwiseConv2DOptions', padding: c.padding, strideH: c.stride[0], strideW: c.stride[1],
    dilationH: c.dilation[0], dilationW: c.dilation[1], depthMultiplier: multiplier, fusedActivation: c.act,
  };
  return {
    inputs: [
      { dtype: 'float32' as const, shape: [c.batches, c.h, c.w, c.c], data: randomFloats(rand, c.batches * c.h * c.w * c.c, -3, 3) },
      { dtype: 'float32' as const, shape: [1, c.fh, c.fw, outC], data: randomFloats(rand, c.fh * c.fw * outC), constant: true },
      c.bias ? { dtype: 'float32' as const, shape: [outC], data: randomFloats(rand, outC), constant: true } : null,
    ],
    outputs: [{ dtype: 'float32' as const }],
    options,
  };
}

function compare(c: Case, seed: number, multiplier = 1): void {
  const s = spec(c, seed, multiplier);
  const [ours] = runKernel(DEPTHWISE_CONV_2D_WASM_KERNEL, s);
  const [ref] = runKernel(DEPTHWISE_CONV_2D_KERNEL, s);
  assert.deepEqual(ours!.shape, ref!.shape);
  assertClose(ours!.data as Float32Array, ref!.data as Float32Array, JSON.stringify(c), 1e-4, 1e-4);
}

test('wasm depthwise SAME padding with stride 2 on odd input and 5 channels matches the reference', () => {
  compare({ batches: 1, h: 9, w: 7, c: 5, fh: 3, fw: 3, bias: true, padding: 'SAME', stride: [2, 2], dilation: [1, 1], act: 'RELU6' }, 1);
});

test('wasm depthwise with dilation matches the reference', () => {
  compare({ batches: 2, h: 10, w: 11, c: 12, fh: 3, fw: 2, bias: false, padding: 'SAME', stride: [1, 1], dilation: [2, 3], act: 'NONE' }, 2);
});

test('wasm depthwise with a depth multiplier above 1 (one input channel, or several) matches the reference', () => {
  const rand = seededRandom(8);
  for (let i = 0; i < 30; i++) {
    compare({
      batches: randomInt(rand, 1, 2), h: randomInt(rand, 1, 11), w: randomInt(rand, 1, 11), c: i % 2 === 0 ? 1 : randomInt(rand, 2, 7),
      fh: randomInt(rand, 1, 5), fw: randomInt(rand, 1, 5), bias: rand() < 0.7, padding: rand() < 0.5 ? 'SAME' : 'VALID',
      stride: [randomInt(rand, 1, 2), randomInt(rand, 1, 2)], dilation: [1, randomInt(rand, 1, 2)], act: 'RELU',
    }, 400 + i, randomInt(rand, 2, 9));
  }
});

test('wasm depthwise matches the reference on random shapes, strides, dilations and paddings', () => {
  const rand = seededRandom(7);
  const acts: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];
  for (let i = 0; i < 60; i++) {
    compare({
      batches: randomInt(rand, 1, 2), h: randomInt(rand, 1, 12), w: randomInt(rand, 1, 12), c: randomInt(rand, 1, 19),
      fh: randomInt(rand, 1, 5), fw: randomInt(rand, 1, 5), bias: rand() < 0.7, padding: rand() < 0.5 ? 'SAME' : 'VALID',
      stride: [randomInt(rand, 1, 3), randomInt(rand, 1, 3)], dilation: [randomInt(rand, 1, 2), randomInt(rand, 1, 2)],
      act: acts[randomInt(rand, 0, 3)]!,
    }, 200 + i);
  }
});
