/**
 * Quantized conversions and reductions: QUANTIZE (float → int8/uint8/int16, and requantization between
 * integer types and scales), DEQUANTIZE of int16, MEAN with different input and output parameters, and
 * CONCATENATION of inputs with different scales.
 */
import { BuiltinOp, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomActivationQuant, randomInts, randomScale, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';

function actQuant(rng: Rng, dtype: QuantDType): QuantizationParams {
  return dtype === 'int16' ? perTensor(randomScale(rng, -4, -3), 0) : randomActivationQuant(rng, dtype, -2, -1);
}

function quantizeFloat(rng: Rng, to: QuantDType): DiffCase {
  const shape = [3, 4, 5];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape, 2));
  const out = b.output({ dtype: to, shape, quantization: actQuant(rng, to) });
  b.op(BuiltinOp.QUANTIZE, [x], [out]);
  return b.build(`QUANTIZE float32 -> ${to}`);
}

/** Requantization: the output's scale is within a factor of four of the input's, so values stay in range. */
function requantize(rng: Rng, from: QuantDType, to: QuantDType): DiffCase {
  const shape = [2, 5, 6];
  const inQ = actQuant(rng, from);
  const steps = (d: QuantDType): number => (d === 'int16' ? 32768 : 128);
  const scale = Math.fround(((inQ.scale[0] * steps(from)) / steps(to)) * 10 ** rng.uniform(-0.6, 0.6));
  const outQ = to === 'int16' ? perTensor(scale, 0) : perTensor(scale, actQuant(rng, to).zeroPoint[0]);
  const b = new CaseBuilder();
  const x = b.input({ dtype: from, shape, quantization: inQ }, randomInts(rng, from, shape));
  const out = b.output({ dtype: to, shape, quantization: outQ });
  b.op(BuiltinOp.QUANTIZE, [x], [out]);
  return b.build(`QUANTIZE ${from} -> ${to} (scale ${inQ.scale[0].toPrecision(3)} -> ${scale.toPrecision(3)})`);
}

function dequantizeInt16(rng: Rng): DiffCase {
  const shape = [4, 6];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'int16', shape, quantization: actQuant(rng, 'int16') }, randomInts(rng, 'int16', shape));
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp.DEQUANTIZE, [x], [out]);
  return b.build('DEQUANTIZE int16 -> float32');
}

function mean(rng: Rng, dtype: QuantDType, shape: number[], axes: number[], keepDims: boolean): DiffCase {
  const inQ = actQuant(rng, dtype);
  const outQ = dtype === 'int16' ? perTensor(Math.fround(inQ.scale[0] * 0.7), 0) : actQuant(rng, dtype);
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape, quantization: inQ }, randomInts(rng, dtype, shape));
  const axesT = b.constant({ dtype: 'int32', shape: [axes.length] }, i32(axes));
  const reduced = new Set(axes.map((a) => (a < 0 ? a + shape.length : a)));
  const outShape = keepDims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
  const out = b.output({ dtype, shape: outShape, quantization: outQ });
  b.op(BuiltinOp.MEAN, [x, axesT], [out], { kind: 'ReducerOptions', keepDims });
  return b.build(`MEAN ${dtype} [${shape}] axes [${axes}]${keepDims ? ' keep_dims' : ''}`);
}

/** CONCATENATION whose inputs each have their own scale and zero point (rescaled into the output's). */
function concatRescaled(rng: Rng, dtype: QuantDType): DiffCase {
  const shapes = [
    [2, 3, 2],
    [2, 3, 4],
  ];
  const b = new CaseBuilder();
  const inputs = shapes.map((s) => b.input({ dtype, shape: s, quantization: actQuant(rng, dtype) }, randomInts(rng, dtype, s)));
  const out = b.output({ dtype, shape: [2, 3, 6], quantization: actQuant(rng, dtype) });
  b.op(BuiltinOp.CONCATENATION, inputs, [out], { kind: 'ConcatenationOptions', axis: 2, fusedActivation: 'NONE' });
  return b.build(`CONCATENATION ${dtype} axis 2, inputs with different scales`);
}

const REQUANTIZE: [QuantDType, QuantDType][] = [
  ['int8', 'int8'],
  ['uint8', 'uint8'],
  ['uint8', 'int8'],
  ['int8', 'uint8'],
  ['int16', 'int16'],
  ['int16', 'int8'],
];

export const quantConvertFamily: DiffFamily = {
  name: 'QUANTIZE / DEQUANTIZE / MEAN / CONCATENATION rescaling',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 14);
    const to: QuantDType[] = ['int8', 'uint8', 'int16'];
    return [
      ...to.map((d) => quantizeFloat(rng, d)),
      ...REQUANTIZE.map(([from, t]) => requantize(rng, from, t)),
      dequantizeInt16(rng),
      mean(rng, 'int8', [1, 5, 6, 4], [1, 2], true),
      mean(rng, 'uint8', [2, 3, 7], [-1], false),
      mean(rng, 'int8', [3, 4, 5], [0, 2], false),
      mean(rng, 'int16', [1, 4, 4, 3], [1, 2], true),
      concatRescaled(rng, 'uint8'),
      concatRescaled(rng, 'int8'),
    ];
  },
};
