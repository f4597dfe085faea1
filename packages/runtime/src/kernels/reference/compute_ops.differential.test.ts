/**
 * Differential test of what the shared float families do not cover — hybrid (int8-weight) CONV_2D,
 * DEPTHWISE_CONV_2D and FULLY_CONNECTED with several batches and per-channel scales, grouped CONV_2D, and
 * the int32 binary ops — against LiteRT.js on one-op models built with our builder.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DType, TypedArray } from '../../core/dtype.js';
import type { QuantizationParams } from '../../core/model.js';
import { BuiltinOp, opName } from '../../core/ops.js';
import type { BuiltinOptions, Conv2DOptions, DepthwiseConv2DOptions, FullyConnectedOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { singleOpModel, type BuilderTensor } from '../../schema/builder/index.js';
import { EXACT, FLOAT_TOLERANCE, LiteRtOracle, compareTensors, type HostTensor } from '@tflite-lambda/testing/litert';
import { numericValue, seededRandom } from '@tflite-lambda/testing';

interface Case {
  readonly name: string;
  readonly opcode: number;
  readonly options: BuiltinOptions | null;
  readonly inputs: BuilderTensor[];
  readonly output: { dtype: DType; shape: number[] };
}

const rand = seededRandom(4242);
const floats = (n: number, s = 3) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * s);
const int8s = (n: number) => Int8Array.from({ length: n }, () => Math.floor(rand() * 255) - 127);
const ints = (n: number) => Int32Array.from({ length: n }, () => Math.floor(rand() * 200) - 100);
const scales = (scale: number[], axis = 0): QuantizationParams => ({ scale, zeroPoint: scale.map(() => 0), quantizedDimension: axis });
const x = (shape: number[], dtype: DType = 'float32'): BuilderTensor => ({ dtype, shape });
const weights = (shape: number[], q: QuantizationParams): BuilderTensor => ({ dtype: 'int8', shape, data: int8s(numElements(shape)), quantization: q });
const bias = (n: number): BuilderTensor => ({ dtype: 'float32', shape: [n], data: floats(n) });

const fc = (keepNumDims = false): FullyConnectedOptions => ({
  kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims, asymmetricQuantizeInputs: false,
});
const conv = (o: Partial<Conv2DOptions> = {}): Conv2DOptions => ({
  kind: 'Conv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, fusedActivation: 'NONE', ...o,
});
const dw = (o: Partial<DepthwiseConv2DOptions> = {}): DepthwiseConv2DOptions => ({
  kind: 'DepthwiseConv2DOptions', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, depthMultiplier: 1,
  fusedActivation: 'NONE', ...o,
});

const CASES: Case[] = [
  { name: 'hybrid FULLY_CONNECTED, 3 rows, per-tensor scale', opcode: BuiltinOp.FULLY_CONNECTED, options: fc(), inputs: [x([3, 20]), weights([5, 20], scales([0.02])), bias(5)], output: { dtype: 'float32', shape: [3, 5] } },
  { name: 'hybrid FULLY_CONNECTED, per-channel scales, no bias', opcode: BuiltinOp.FULLY_CONNECTED, options: fc(), inputs: [x([2, 20]), weights([4, 20], scales([0.02, 0.01, 0.03, 0.002]))], output: { dtype: 'float32', shape: [2, 4] } },
  { name: 'hybrid FULLY_CONNECTED keep_num_dims', opcode: BuiltinOp.FULLY_CONNECTED, options: fc(true), inputs: [x([2, 3, 20]), weights([5, 20], scales([0.02])), bias(5)], output: { dtype: 'float32', shape: [2, 3, 5] } },
  { name: 'hybrid CONV_2D, 2 images, per-tensor scale, RELU', opcode: BuiltinOp.CONV_2D, options: conv({ fusedActivation: 'RELU' }), inputs: [x([2, 5, 6, 3]), weights([4, 3, 3, 3], scales([0.03])), bias(4)], output: { dtype: 'float32', shape: [2, 5, 6, 4] } },
  { name: 'hybrid CONV_2D, per-channel scales, stride 2 VALID', opcode: BuiltinOp.CONV_2D, options: conv({ padding: 'VALID', strideH: 2, strideW: 2 }), inputs: [x([1, 7, 7, 3]), weights([5, 3, 3, 3], scales([0.03, 0.01, 0.02, 0.05, 0.004])), bias(5)], output: { dtype: 'float32', shape: [1, 3, 3, 5] } },
  { name: 'hybrid DEPTHWISE_CONV_2D, 2 images, per-channel scales', opcode: BuiltinOp.DEPTHWISE_CONV_2D, options: dw(), inputs: [x([2, 5, 6, 3]), weights([1, 3, 3, 3], scales([0.03, 0.01, 0.02], 3)), bias(3)], output: { dtype: 'float32', shape: [2, 5, 6, 3] } },
  // Per-tensor scales on a hybrid depthwise filter are left out: LiteRT.js then gets only the first output
  // channel right (it expects one scale per channel, which is what the converter always writes there).
  { name: 'hybrid DEPTHWISE_CONV_2D, depth multiplier 2, per-channel scales', opcode: BuiltinOp.DEPTHWISE_CONV_2D, options: dw({ depthMultiplier: 2 }), inputs: [x([1, 6, 5, 2]), weights([1, 3, 3, 4], scales([0.03, 0.02, 0.01, 0.04], 3)), bias(4)], output: { dtype: 'float32', shape: [1, 6, 5, 4] } },
  { name: 'grouped CONV_2D, 2 groups', opcode: BuiltinOp.CONV_2D, options: conv(), inputs: [x([1, 5, 6, 4]), { dtype: 'float32', shape: [6, 3, 3, 2], data: floats(108) }, bias(6)], output: { dtype: 'float32', shape: [1, 5, 6, 6] } },
  ...([BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL, BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM] as const).map((opcode) => ({
    name: `int32 ${opName(opcode)} with broadcasting`, opcode, options: null, inputs: [x([2, 1, 4], 'int32'), x([3, 1], 'int32')], output: { dtype: 'int32' as const, shape: [2, 3, 4] },
  })),
];

function feedFor(t: BuilderTensor): HostTensor {
  const n = numElements(t.shape);
  const data: TypedArray = t.dtype === 'int32' ? ints(n) : floats(n);
  return { dtype: t.dtype, shape: t.shape, data };
}

function runOurs(model: Uint8Array, feeds: HostTensor[]): HostTensor[] {
  const interpreter = Interpreter.loadSync(model);
  interpreter.allocateTensors();
  interpreter.getInputDetails().forEach((d, i) => { interpreter.setTensor(d.index, feeds[i]!.data); });
  interpreter.invoke();
  return interpreter.getOutputDetails().map((d) => ({ dtype: d.dtype, shape: d.shape, data: numericValue(interpreter.getTensor(d.index)) }));
}

describe('float compute kernels beyond the shared families agree with LiteRT.js', () => {
  let oracle: LiteRtOracle;
  before(async () => {
    oracle = await LiteRtOracle.create();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const model = singleOpModel({ opcode: c.opcode, options: c.options, inputs: c.inputs, outputs: [c.output] });
      const feeds = c.inputs.filter((t) => t.data === undefined).map(feedFor);
      const reference = await oracle.run(model, feeds);
      const ours = runOurs(model, feeds);
      assert.deepEqual(ours[0]!.shape, reference[0]!.shape);
      const mismatch = compareTensors(ours[0]!, reference[0]!, c.output.dtype === 'int32' ? EXACT : FLOAT_TOLERANCE, 'output');
      assert.equal(mismatch, null, mismatch?.report);
    });
  }
});
