/**
 * TRANSPOSE_CONV cases: float32 (with and without bias, SAME/VALID, strides 1–3, fused activation) and int8
 * with per-channel filters / uint8 with a per-tensor filter zero point, and float32 activations with an int8
 * filter (hybrid).
 */
import {
  BuiltinOp,
  type FusedActivation,
  type Padding,
  type TransposeConvOptions,
} from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from './case_builder.js';
import { biasQuant, i32, normalFloats, perChannelQuant, randomInts, randomScale, randomZeroPoint } from './random_data.js';
import { Rng } from './rng.js';

interface TConvSpec {
  readonly padding: Padding;
  readonly stride: readonly [number, number];
  readonly input: readonly [number, number, number, number];
  readonly kernel: readonly [number, number];
  readonly outC: number;
  readonly bias: boolean;
  readonly activation?: FusedActivation;
}

function options(s: TConvSpec): TransposeConvOptions {
  return {
    kind: 'TransposeConvOptions', padding: s.padding, strideH: s.stride[0], strideW: s.stride[1],
    fusedActivation: s.activation ?? 'NONE',
  };
}

/** The conventional output size (the conv of this size with these settings gives back the input size). */
function outputShape(s: TConvSpec): number[] {
  const axis = (a: 0 | 1) => {
    const i = s.input[a + 1]!;
    return s.padding === 'SAME' ? i * s.stride[a] : (i - 1) * s.stride[a] + s.kernel[a];
  };
  return [s.input[0], axis(0), axis(1), s.outC];
}

function name(prefix: string, s: TConvSpec): string {
  return `TRANSPOSE_CONV ${prefix} ${s.padding} stride ${s.stride.join('x')} kernel ${s.kernel.join('x')} on ` +
    `[${s.input}] -> ${s.outC}${s.bias ? '' : ' no bias'} ${s.activation ?? 'NONE'}`;
}

function floatCase(rng: Rng, s: TConvSpec): DiffCase {
  const b = new CaseBuilder();
  const outShape = outputShape(s);
  const shapeT = b.constant({ dtype: 'int32', shape: [4] }, i32(outShape));
  const filterShape = [s.outC, ...s.kernel, s.input[3]];
  const filter = b.constant({ dtype: 'float32', shape: filterShape }, normalFloats(rng, filterShape, 0.5));
  const input = b.input({ dtype: 'float32', shape: s.input }, normalFloats(rng, s.input));
  const bias = s.bias ? [b.constant({ dtype: 'float32', shape: [s.outC] }, normalFloats(rng, [s.outC]))] : [];
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.TRANSPOSE_CONV, [shapeT, filter, input, ...bias], [out], options(s), s.bias ? 3 : 1);
  return b.build(name('float32', s));
}

function quantCase(rng: Rng, s: TConvSpec, dtype: 'int8' | 'uint8'): DiffCase {
  const b = new CaseBuilder();
  const outShape = outputShape(s);
  const shapeT = b.constant({ dtype: 'int32', shape: [4] }, i32(outShape));
  const filterShape = [s.outC, ...s.kernel, s.input[3]];
  const fq = dtype === 'int8' ? perChannelQuant(rng, s.outC, 0) : perTensor(randomScale(rng), randomZeroPoint(rng, 'uint8'));
  const filterData = dtype === 'int8' ? randomInts(rng, 'int8', filterShape, -127, 127) : randomInts(rng, 'uint8', filterShape);
  const filter = b.constant({ dtype, shape: filterShape, quantization: fq }, filterData);
  const depth = s.kernel[0] * s.kernel[1] * s.input[3];
  // Input scale so the real accumulator spread is O(1): scale_in·scale_w·sqrt(depth)·~7300 ≈ 2.
  const meanW = fq.scale.reduce((p, x) => p + x, 0) / fq.scale.length;
  const inQ = perTensor(Math.fround(2 / (meanW * Math.sqrt(depth) * 7300)), randomZeroPoint(rng, dtype));
  const input = b.input({ dtype, shape: s.input, quantization: inQ }, randomInts(rng, dtype, s.input));
  const bq = biasQuant(inQ, fq);
  const limit = Math.round(Math.sqrt(depth) * 7300);
  const bias = s.bias ? [b.constant({ dtype: 'int32', shape: [s.outC], quantization: bq }, randomInts(rng, 'int32', [s.outC], -limit, limit))] : [];
  const outQ = perTensor(Math.fround(rng.uniform(3, 6) / 256), randomZeroPoint(rng, dtype));
  const out = b.output({ dtype, shape: outShape, quantization: outQ });
  b.op(BuiltinOp.TRANSPOSE_CONV, [shapeT, filter, input, ...bias], [out], options(s), s.bias ? 3 : 2);
  return b.build(name(dtype, s));
}

/** Float activations with a constant int8 per-channel filter ("dynamic range" quantization). */
function hybridCase(rng: Rng, s: TConvSpec): DiffCase {
  const b = new CaseBuilder();
  const outShape = outputShape(s);
  const shapeT = b.constant({ dtype: 'int32', shape: [4] }, i32(outShape));
  const filterShape = [s.outC, ...s.kernel, s.input[3]];
  const filter = b.constant({ dtype: 'int8', shape: filterShape, quantization: perChannelQuant(rng, s.outC, 0) }, randomInts(rng, 'int8', filterShape, -127, 127));
  const input = b.input({ dtype: 'float32', shape: s.input }, normalFloats(rng, s.input));
  const bias = s.bias ? [b.constant({ dtype: 'float32', shape: [s.outC] }, normalFloats(rng, [s.outC]))] : [];
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.TRANSPOSE_CONV, [shapeT, filter, input, ...bias], [out], options(s), s.bias ? 3 : 2);
  return b.build(name('hybrid int8 filter', s));
}

const FLOAT_SPECS: TConvSpec[] = [
  { padding: 'SAME', stride: [2, 2], input: [1, 3, 4, 3], kernel: [3, 3], outC: 4, bias: true },
  { padding: 'VALID', stride: [2, 2], input: [2, 3, 3, 2], kernel: [2, 2], outC: 3, bias: false },
  { padding: 'SAME', stride: [1, 1], input: [1, 5, 5, 4], kernel: [3, 3], outC: 2, bias: true, activation: 'RELU' },
  { padding: 'VALID', stride: [3, 2], input: [1, 2, 3, 2], kernel: [4, 3], outC: 5, bias: true, activation: 'RELU6' },
  { padding: 'SAME', stride: [2, 1], input: [1, 4, 3, 3], kernel: [4, 4], outC: 2, bias: false },
];

const QUANT_SPECS: TConvSpec[] = [
  { padding: 'SAME', stride: [2, 2], input: [1, 3, 3, 4], kernel: [3, 3], outC: 3, bias: true },
  { padding: 'VALID', stride: [2, 2], input: [1, 2, 3, 2], kernel: [2, 2], outC: 4, bias: true, activation: 'RELU' },
  { padding: 'SAME', stride: [1, 1], input: [2, 4, 4, 3], kernel: [3, 3], outC: 2, bias: false },
];

export const extraTransposeConvFamily: DiffFamily = {
  name: 'TRANSPOSE_CONV float32, int8 and uint8',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 101);
    return [
      ...FLOAT_SPECS.map((s) => floatCase(rng, s)),
      ...QUANT_SPECS.map((s) => quantCase(rng, s, 'int8')),
      ...QUANT_SPECS.map((s) => quantCase(rng, s, 'uint8')),
      ...QUANT_SPECS.map((s) => hybridCase(rng, s)),
    ];
  },
};
