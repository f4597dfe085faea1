/**
 * Hybrid ("dynamic range quantized") models: float32 activations with int8 weights (per-tensor and
 * per-channel) for FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D; and float16 weights dequantized into a
 * float CONV_2D.
 */
import { BuiltinOp, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { convOptions, depthwiseOptions, outSize } from '../options.js';
import { halfBits, normalFloats, perChannelQuant, randomInts, randomScale } from '../random_data.js';
import { Rng } from '../rng.js';

function int8Weights(b: CaseBuilder, rng: Rng, shape: number[], q: QuantizationParams): number {
  return b.constant({ dtype: 'int8', shape, quantization: q }, randomInts(rng, 'int8', shape, -127, 127));
}

function hybridFullyConnected(rng: Rng, perChannel: boolean, asymmetric: boolean): DiffCase {
  const [batch, depth, units] = [3, 12, 5];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [batch, depth] }, normalFloats(rng, [batch, depth]));
  const wQ = perChannel ? perChannelQuant(rng, units, 0) : perTensor(randomScale(rng), 0);
  const w = int8Weights(b, rng, [units, depth], wQ);
  const bias = b.constant({ dtype: 'float32', shape: [units] }, normalFloats(rng, [units]));
  const out = b.output({ dtype: 'float32', shape: [batch, units] });
  b.op(
    BuiltinOp.FULLY_CONNECTED,
    [x, w, bias],
    [out],
    { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: asymmetric },
    asymmetric ? 9 : 3,
  );
  return b.build(`FULLY_CONNECTED hybrid int8 weights${perChannel ? ' per-channel' : ''}${asymmetric ? ' asymmetric inputs' : ''}`);
}

function hybridConv(rng: Rng, depthwise: boolean): DiffCase {
  const [h, w, c, k] = [6, 7, 3, 3];
  const outC = depthwise ? c * 2 : 4;
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [1, h, w, c] }, normalFloats(rng, [1, h, w, c]));
  const wShape = depthwise ? [1, k, k, outC] : [outC, k, k, c];
  const weights = int8Weights(b, rng, wShape, perChannelQuant(rng, outC, depthwise ? 3 : 0));
  const bias = b.constant({ dtype: 'float32', shape: [outC] }, normalFloats(rng, [outC]));
  const window = { padding: 'SAME' as const, stride: [2, 1] as const };
  const out = b.output({ dtype: 'float32', shape: [1, outSize('SAME', h, k, 2), w, outC] });
  const opcode = depthwise ? BuiltinOp.DEPTHWISE_CONV_2D : BuiltinOp.CONV_2D;
  const options = depthwise ? depthwiseOptions(window, 2) : convOptions(window);
  b.op(opcode, [x, weights, bias], [out], options, depthwise ? 6 : 5);
  return b.build(`${depthwise ? 'DEPTHWISE_CONV_2D' : 'CONV_2D'} hybrid int8 per-channel weights SAME stride 2x1`);
}

function float16Conv(rng: Rng): DiffCase {
  const [h, w, c, outC] = [5, 5, 2, 3];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [1, h, w, c] }, normalFloats(rng, [1, h, w, c]));
  const w16 = b.constant({ dtype: 'float16', shape: [outC, 3, 3, c] }, halfBits(rng, outC * 9 * c, 9, 15));
  const b16 = b.constant({ dtype: 'float16', shape: [outC] }, halfBits(rng, outC, 9, 15));
  const w32 = b.intermediate({ dtype: 'float32', shape: [outC, 3, 3, c] });
  const b32 = b.intermediate({ dtype: 'float32', shape: [outC] });
  const out = b.output({ dtype: 'float32', shape: [1, h, w, outC] });
  b.op(BuiltinOp.DEQUANTIZE, [w16], [w32], null, 3);
  b.op(BuiltinOp.DEQUANTIZE, [b16], [b32], null, 3);
  b.op(BuiltinOp.CONV_2D, [x, w32, b32], [out], convOptions({ padding: 'SAME', stride: [1, 1], activation: 'RELU' }));
  return b.build('CONV_2D with float16 weights and bias (DEQUANTIZE) SAME RELU');
}

export const hybridFamily: DiffFamily = {
  name: 'hybrid int8-weight and float16-weight models',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 16);
    return [
      hybridFullyConnected(rng, false, false),
      hybridFullyConnected(rng, true, false),
      hybridFullyConnected(rng, false, true),
      hybridConv(rng, false),
      hybridConv(rng, true),
      float16Conv(rng),
    ];
  },
};
