/**
 * QUANTIZE (float32 → int8 / uint8 / int16, per tensor and per channel; requantization between integer types)
 * and DEQUANTIZE (int16, per-channel int8), bit for bit against LiteRT.js. The float inputs sit exactly on
 * the halves between codes (power-of-two scales), on both signs, next to them, and far out of range; the
 * integer inputs are every code, with scale ratios that make ties (½, 2) and that do not, inside and
 * outside the range of ratios XNNPACK accepts.
 */
import { allocTyped, BuiltinOp, intRange, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import type { QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { everyCode } from './codes.js';

/** Floats on every half-step of `scale` across the type's range and beyond, their neighbours, and extremes. */
function tieFloats(rng: Rng, dtype: QuantDType, q: QuantizationParams): Float32Array {
  const { min, max } = intRange(dtype);
  const zp = q.zeroPoint[0];
  const s = q.scale[0];
  const values: number[] = [];
  const step = dtype === 'int16' ? 97 : 1;
  for (let k = min - zp - 3; k <= max - zp + 3; k += step) {
    const half = (k + 0.5) * s;
    values.push(half, Math.fround(half * (1 + 2 ** -20)), Math.fround(half * (1 - 2 ** -20)), k * s);
  }
  values.push(1e30, -1e30, 3.4e38, -3.4e38, 0, -0);
  for (let i = 0; i < 64; i++) values.push(rng.normal() * s * 40);
  return Float32Array.from(values);
}

function quantizeFloat(rng: Rng, dtype: QuantDType, q: QuantizationParams, label: string): DiffCase {
  const b = new CaseBuilder();
  const data = tieFloats(rng, dtype, q);
  const x = b.input({ dtype: 'float32', shape: [data.length] }, data);
  const y = b.output({ dtype, shape: [data.length], quantization: q }, EXACT);
  b.op(BuiltinOp.QUANTIZE, [x], [y], null, dtype === 'int16' ? 2 : 1);
  return b.build(`QUANTIZE float32 -> ${dtype} ${label}`);
}

/** Per-channel float → int8 along axis 1 (version 3): three channels with their own power-of-two scales. */
function quantizePerChannel(rng: Rng): DiffCase {
  const b = new CaseBuilder();
  const q: QuantizationParams = { scale: [1 / 8, 1 / 32, 2], zeroPoint: [0, 3, -5], quantizedDimension: 1 };
  const rows = 64;
  const data = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) for (let c = 0; c < 3; c++) data[r * 3 + c] = (rng.int(-140, 140) + 0.5) * q.scale[c];
  const x = b.input({ dtype: 'float32', shape: [rows, 3] }, data);
  const y = b.output({ dtype: 'int8', shape: [rows, 3], quantization: q }, EXACT);
  b.op(BuiltinOp.QUANTIZE, [x], [y], null, 3);
  return b.build('QUANTIZE float32 -> int8 per channel (axis 1), ties');
}

function requantize(from: QuantDType, to: QuantDType, inQ: QuantizationParams, outQ: QuantizationParams, label: string): DiffCase {
  const b = new CaseBuilder();
  const codes = everyCode(from);
  const x = b.input({ dtype: from, shape: [codes.length], quantization: inQ }, codes);
  const y = b.output({ dtype: to, shape: [codes.length], quantization: outQ }, EXACT);
  b.op(BuiltinOp.QUANTIZE, [x], [y], null, to === 'int16' ? 2 : 1);
  return b.build(`QUANTIZE ${from} -> ${to} ${label}`);
}

function dequantize(dtype: QuantDType, q: QuantizationParams, shape: number[], label: string): DiffCase {
  const b = new CaseBuilder();
  const n = shape.reduce((a, d) => a * d, 1);
  const codes = everyCode(dtype);
  const data = allocTyped(dtype, n);
  for (let i = 0; i < n; i++) data[i] = Number(codes[i % codes.length]);
  const x = b.input({ dtype, shape, quantization: q }, data);
  const y = b.output({ dtype: 'float32', shape }, EXACT);
  b.op(BuiltinOp.DEQUANTIZE, [x], [y], null, dtype === 'int16' ? 3 : q.scale.length > 1 ? 5 : 2);
  return b.build(`DEQUANTIZE ${dtype} ${label}`);
}

const mid = (d: QuantDType): number => (d === 'uint8' ? 128 : 0);

function requantizeCases(): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const d of ['int8', 'uint8'] as const) {
    const inQ = perTensor(0.25, mid(d) + 3);
    cases.push(requantize(d, d, inQ, perTensor(0.5, mid(d) - 4), 'ratio 1/2 (ties)'));
    cases.push(requantize(d, d, inQ, perTensor(0.125, mid(d) + 9), 'ratio 2'));
    cases.push(requantize(d, d, inQ, perTensor(0.5833, mid(d) - 1), 'ratio 0.43'));
    cases.push(requantize(d, d, inQ, perTensor(0.25 * 300, mid(d)), 'ratio 1/300 (outside XNNPACK range)'));
  }
  cases.push(requantize('uint8', 'int8', perTensor(0.25, 131), perTensor(0.5, -3), 'ratio 1/2'));
  cases.push(requantize('int8', 'uint8', perTensor(0.25, 3), perTensor(0.375, 120), 'ratio 2/3'));
  cases.push(requantize('int16', 'int16', perTensor(1 / 1024, 0), perTensor(1 / 512, 0), 'ratio 1/2'));
  cases.push(requantize('int16', 'int8', perTensor(1 / 1024, 0), perTensor(1 / 64, -3), 'ratio 1/16'));
  cases.push(requantize('int8', 'int16', perTensor(1 / 16, 5), perTensor(1 / 2048, 0), 'ratio 128'));
  return cases;
}

export const exactQuantizeFamily: DiffFamily = {
  name: 'QUANTIZE and DEQUANTIZE, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 505);
    return [
      quantizeFloat(rng, 'int8', perTensor(1 / 16, -3), 'scale 1/16, ties'),
      quantizeFloat(rng, 'uint8', perTensor(1 / 16, 131), 'scale 1/16, ties'),
      quantizeFloat(rng, 'int16', perTensor(1 / 4096, 0), 'scale 1/4096, ties'),
      quantizeFloat(rng, 'int8', perTensor(0.0372, 10), 'scale 0.0372'),
      // Scales off powers of two: TFLite divides in double, so float32 division rounds some near-ties wrong.
      quantizeFloat(rng, 'int16', perTensor(0.00006102559564169496, 0), 'scale 6.1e-5'),
      quantizeFloat(rng, 'uint8', perTensor(0.0372, 131), 'scale 0.0372'),
      quantizePerChannel(rng),
      ...requantizeCases(),
      dequantize('int16', perTensor(1 / 1000, 0), [1024], 'every 64th code'),
      dequantize('int8', { scale: [0.5, 0.013, 7], zeroPoint: [0, 0, 0], quantizedDimension: 0 }, [3, 256], 'per channel (axis 0)'),
    ];
  },
};
