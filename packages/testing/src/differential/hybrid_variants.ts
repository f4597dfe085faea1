/**
 * Hybrid (int8 weights, float32 activations) models beyond families/hybrid.ts: CONV_2D with per-tensor and
 * per-channel weight scales and DEPTHWISE_CONV_2D per-channel (VALID, stride 1x2, RELU6, batch 2). TFLite's
 * hybrid depthwise kernel requires one scale per channel (its prepare rejects per-tensor weights) and
 * LiteRT.js returns the bias alone for them, so that combination has no reference. Also
 * FULLY_CONNECTED per-channel with asymmetric_quantize_inputs on and per-tensor with it off (rank 3,
 * keep_num_dims, no bias, RELU) — only FULLY_CONNECTED carries that option; plus float16 weights
 * dequantized into DEPTHWISE_CONV_2D and FULLY_CONNECTED (families/hybrid.ts has CONV_2D).
 */
import {
  BuiltinOp,
  type Conv2DOptions,
  type DepthwiseConv2DOptions,
  type QuantizationParams,
} from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from './case_builder.js';
import { convOptions, depthwiseOptions, outSize } from './options.js';
import { halfBits, normalFloats, perChannelQuant, randomInts, randomScale } from './random_data.js';
import { Rng } from './rng.js';

type Conv = 'CONV_2D' | 'DEPTHWISE_CONV_2D';

function weightQuant(rng: Rng, perChannel: boolean, channels: number, axis: number): QuantizationParams {
  return perChannel ? perChannelQuant(rng, channels, axis) : perTensor(randomScale(rng), 0);
}

const label = (perChannel: boolean, asymmetric: boolean): string =>
  `${perChannel ? 'per-channel' : 'per-tensor'} weights, asymmetric inputs ${asymmetric ? 'on' : 'off'}`;

function hybridConv(rng: Rng, op: Conv, perChannel: boolean): DiffCase {
  const [h, w, c, k] = [7, 6, 3, 3];
  const depthwise = op === 'DEPTHWISE_CONV_2D';
  const outC = depthwise ? c * 2 : 5;
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2, h, w, c] }, normalFloats(rng, [2, h, w, c]));
  const wShape = depthwise ? [1, k, k, outC] : [outC, k, k, c];
  const wQ = weightQuant(rng, perChannel, outC, depthwise ? 3 : 0);
  const weights = b.constant({ dtype: 'int8', shape: wShape, quantization: wQ }, randomInts(rng, 'int8', wShape, -127, 127));
  const bias = b.constant({ dtype: 'float32', shape: [outC] }, normalFloats(rng, [outC]));
  const window = { padding: 'VALID' as const, stride: [1, 2] as const, activation: 'RELU6' as const };
  const out = b.output({ dtype: 'float32', shape: [2, outSize('VALID', h, k, 1), outSize('VALID', w, k, 2), outC] });
  const options: Conv2DOptions | DepthwiseConv2DOptions = depthwise ? depthwiseOptions(window, 2) : convOptions(window);
  b.op(BuiltinOp[op], [x, weights, bias], [out], options, depthwise ? 6 : 5);
  return b.build(`${op} hybrid int8 ${perChannel ? 'per-channel' : 'per-tensor'} weights VALID stride 1x2 RELU6 batch 2`);
}

function hybridFullyConnected(rng: Rng, perChannel: boolean, asymmetric: boolean): DiffCase {
  const [batch, depth, units] = [4, 10, 6];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2, batch / 2, depth] }, normalFloats(rng, [2, batch / 2, depth], 2));
  const wQ = weightQuant(rng, perChannel, units, 0);
  const w = b.constant({ dtype: 'int8', shape: [units, depth], quantization: wQ }, randomInts(rng, 'int8', [units, depth], -127, 127));
  const out = b.output({ dtype: 'float32', shape: [2, batch / 2, units] });
  b.op(
    BuiltinOp.FULLY_CONNECTED,
    [x, w, -1],
    [out],
    { kind: 'FullyConnectedOptions', fusedActivation: 'RELU', weightsFormat: 'DEFAULT', keepNumDims: true, asymmetricQuantizeInputs: asymmetric },
    asymmetric ? 9 : 3,
  );
  return b.build(`FULLY_CONNECTED hybrid ${label(perChannel, asymmetric)}, keep_num_dims, no bias, RELU`);
}

function float16Weights(rng: Rng, op: Conv | 'FULLY_CONNECTED'): DiffCase {
  const b = new CaseBuilder();
  const c = 3;
  const fc = op === 'FULLY_CONNECTED';
  const depthwise = op === 'DEPTHWISE_CONV_2D';
  const inShape = fc ? [3, 8] : [1, 5, 6, c];
  const wShape = fc ? [4, 8] : depthwise ? [1, 3, 3, c] : [4, 3, 3, c];
  const outC = wShape[depthwise ? 3 : 0]!;
  const x = b.input({ dtype: 'float32', shape: inShape }, normalFloats(rng, inShape));
  const w16 = b.constant({ dtype: 'float16', shape: wShape }, halfBits(rng, wShape.reduce((p, q) => p * q, 1), 9, 15));
  const w32 = b.intermediate({ dtype: 'float32', shape: wShape });
  b.op(BuiltinOp.DEQUANTIZE, [w16], [w32], null, 3);
  const bias = b.constant({ dtype: 'float32', shape: [outC] }, normalFloats(rng, [outC]));
  const outShape = fc ? [3, outC] : [1, 5, 6, outC];
  const out = b.output({ dtype: 'float32', shape: outShape });
  const window = { padding: 'SAME' as const, stride: [1, 1] as const };
  const options = fc
    ? { kind: 'FullyConnectedOptions' as const, fusedActivation: 'NONE' as const, weightsFormat: 'DEFAULT' as const, keepNumDims: false, asymmetricQuantizeInputs: false }
    : depthwise ? depthwiseOptions(window, 1) : convOptions(window);
  b.op(BuiltinOp[op], [x, w32, bias], [out], options);
  return b.build(`${op} with float16 weights (DEQUANTIZE)`);
}

export const hybridVariantsFamily: DiffFamily = {
  name: 'hybrid and float16-weight variants',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 32);
    return [
      hybridConv(rng, 'CONV_2D', false),
      hybridConv(rng, 'CONV_2D', true),
      hybridConv(rng, 'DEPTHWISE_CONV_2D', true),
      hybridFullyConnected(rng, true, true),
      hybridFullyConnected(rng, false, false),
      float16Weights(rng, 'DEPTHWISE_CONV_2D'),
      float16Weights(rng, 'FULLY_CONNECTED'),
    ];
  },
};
