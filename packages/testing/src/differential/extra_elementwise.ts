/**
 * Element-wise extra ops: float32 unary math (NEG, ABS, FLOOR, CEIL, ROUND, SIN, COS, SQUARE, ELU, GELU),
 * row-wise LOG_SOFTMAX / L2_NORMALIZATION / LOCAL_RESPONSE_NORMALIZATION, broadcasting POW / FLOOR_DIV /
 * FLOOR_MOD (float32 and int32), ATAN2 (TFLite's takes equal shapes only), PRELU (float32, int8, uint8), ADD_N, and the quantized ELU,
 * GELU, MAXIMUM and MINIMUM.
 */
import { broadcastShapes, BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from './case_builder.js';
import { normalFloats, randomInts, randomZeroPoint, uniformFloats } from './random_data.js';
import { Rng } from './rng.js';

interface UnarySpec {
  readonly op: keyof typeof BuiltinOp;
  readonly options?: BuiltinOptions;
  readonly sd: number;
  readonly rank: number;
  readonly note?: string;
}

function unary(rng: Rng, s: UnarySpec): DiffCase {
  const shape = rng.shape(s.rank, 1, 6);
  const b = new CaseBuilder();
  // Halves and integers are mixed in so FLOOR/CEIL/ROUND meet their tie cases.
  const data = normalFloats(rng, shape, s.sd).map((v, i) => (i % 5 === 0 ? Math.round(v * 2) / 2 : v));
  const input = b.input({ dtype: 'float32', shape }, data);
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp[s.op], [input], [out], s.options ?? null);
  return b.build(`${s.op}${s.note ? ` ${s.note}` : ''} on [${shape}]`);
}

const UNARY: UnarySpec[] = [
  { op: 'NEG', sd: 3, rank: 3 },
  { op: 'ABS', sd: 3, rank: 2 },
  { op: 'SIGN', sd: 3, rank: 3 },
  { op: 'FLOOR', sd: 4, rank: 4 },
  { op: 'CEIL', sd: 4, rank: 2 },
  { op: 'ROUND', sd: 4, rank: 3 },
  { op: 'SIN', sd: 3, rank: 2 },
  { op: 'COS', sd: 3, rank: 3 },
  { op: 'SQUARE', sd: 2, rank: 4 },
  { op: 'ELU', sd: 2, rank: 3 },
  { op: 'GELU', sd: 2, rank: 3, options: { kind: 'GeluOptions', approximate: false }, note: 'exact' },
  { op: 'GELU', sd: 2, rank: 2, options: { kind: 'GeluOptions', approximate: true }, note: 'tanh approximation' },
  { op: 'LOG_SOFTMAX', sd: 3, rank: 2 },
  { op: 'LOG_SOFTMAX', sd: 2, rank: 4 },
  { op: 'L2_NORMALIZATION', sd: 2, rank: 2 },
  { op: 'L2_NORMALIZATION', sd: 1, rank: 4 },
  {
    op: 'LOCAL_RESPONSE_NORMALIZATION', sd: 2, rank: 4, note: 'radius 2',
    options: { kind: 'LocalResponseNormalizationOptions', radius: 2, bias: 1, alpha: 0.25, beta: 0.75 },
  },
  {
    op: 'LOCAL_RESPONSE_NORMALIZATION', sd: 1, rank: 4, note: 'radius 5',
    options: { kind: 'LocalResponseNormalizationOptions', radius: 5, bias: 2, alpha: 0.0001, beta: 0.5 },
  },
];

function binaryFloat(rng: Rng, op: 'POW' | 'FLOOR_DIV' | 'FLOOR_MOD' | 'ATAN2', a: number[], bShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const pow = op === 'POW';
  const x = b.input({ dtype: 'float32', shape: a }, pow ? uniformFloats(rng, a, 0.1, 3) : normalFloats(rng, a, 5));
  // Divisors kept away from zero; POW exponents in [-2, 2].
  const yData = pow ? uniformFloats(rng, bShape, -2, 2) : normalFloats(rng, bShape, 3).map((v) => (Math.abs(v) < 0.3 ? 1.5 : v));
  const y = b.input({ dtype: 'float32', shape: bShape }, yData);
  const out = b.output({ dtype: 'float32', shape: broadcastShapes(a, bShape) });
  b.op(BuiltinOp[op], [x, y], [out]);
  return b.build(`${op} float32 [${a}] with [${bShape}]`);
}

function binaryInt(rng: Rng, op: 'POW' | 'FLOOR_DIV' | 'FLOOR_MOD', shape: number[], bShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const pow = op === 'POW';
  const x = b.input({ dtype: 'int32', shape }, randomInts(rng, 'int32', shape, pow ? -6 : -100, pow ? 6 : 100));
  const yData = pow ? randomInts(rng, 'int32', bShape, 0, 5) : (randomInts(rng, 'int32', bShape, -9, 9) as Int32Array).map((v) => (v === 0 ? 7 : v));
  const y = b.input({ dtype: 'int32', shape: bShape }, yData);
  const out = b.output({ dtype: 'int32', shape: broadcastShapes(shape, bShape) });
  b.op(BuiltinOp[op], [x, y], [out]);
  return b.build(`${op} int32 [${shape}] with [${bShape}]`);
}

function preluFloat(rng: Rng, shape: number[], alphaShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape, 2));
  const alpha = b.constant({ dtype: 'float32', shape: alphaShape }, uniformFloats(rng, alphaShape, -0.5, 1));
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp.PRELU, [x, alpha], [out]);
  return b.build(`PRELU float32 [${shape}] alpha [${alphaShape}]`);
}

function preluQuantized(rng: Rng, dtype: 'int8' | 'uint8', shape: number[], alphaShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const inQ = perTensor(Math.fround(rng.uniform(0.01, 0.05)), randomZeroPoint(rng, dtype));
  const alphaQ = perTensor(Math.fround(rng.uniform(0.002, 0.01)), randomZeroPoint(rng, dtype));
  const outQ = perTensor(Math.fround(rng.uniform(0.01, 0.05)), randomZeroPoint(rng, dtype));
  const x = b.input({ dtype, shape, quantization: inQ }, randomInts(rng, dtype, shape));
  const alpha = b.constant({ dtype, shape: alphaShape, quantization: alphaQ }, randomInts(rng, dtype, alphaShape));
  const out = b.output({ dtype, shape, quantization: outQ });
  b.op(BuiltinOp.PRELU, [x, alpha], [out]);
  return b.build(`PRELU ${dtype} [${shape}] alpha [${alphaShape}]`);
}

/** ELU / GELU through lookup tables, MAXIMUM / MINIMUM on raw values sharing one set of parameters. */
function quantizedUnary(rng: Rng, op: 'ELU' | 'GELU', dtype: 'int8' | 'uint8', shape: number[], options: BuiltinOptions | null): DiffCase {
  const b = new CaseBuilder();
  const inQ = perTensor(Math.fround(rng.uniform(0.01, 0.04)), randomZeroPoint(rng, dtype));
  const outQ = perTensor(Math.fround(rng.uniform(0.01, 0.03)), randomZeroPoint(rng, dtype));
  const x = b.input({ dtype, shape, quantization: inQ }, randomInts(rng, dtype, shape));
  const out = b.output({ dtype, shape, quantization: outQ });
  b.op(BuiltinOp[op], [x], [out], options);
  return b.build(`${op} ${dtype} [${shape}]`);
}

/** int8/uint8 L2_NORMALIZATION: the output parameters are fixed by TFLite (1/128, zero point 0 or 128). */
function quantizedL2Norm(rng: Rng, dtype: 'int8' | 'uint8', shape: number[]): DiffCase {
  const b = new CaseBuilder();
  const inQ = perTensor(Math.fround(rng.uniform(0.01, 0.05)), randomZeroPoint(rng, dtype));
  const x = b.input({ dtype, shape, quantization: inQ }, randomInts(rng, dtype, shape));
  const out = b.output({ dtype, shape, quantization: perTensor(1 / 128, dtype === 'int8' ? 0 : 128) });
  b.op(BuiltinOp.L2_NORMALIZATION, [x], [out]);
  return b.build(`L2_NORMALIZATION ${dtype} [${shape}]`);
}

/** int8/uint8 LOG_SOFTMAX: output parameters fixed by TFLite (16/256, zero point 127 or 255). */
function quantizedLogSoftmax(rng: Rng, dtype: 'int8' | 'uint8', shape: number[], scale: number): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape, quantization: perTensor(scale, randomZeroPoint(rng, dtype)) }, randomInts(rng, dtype, shape));
  const out = b.output({ dtype, shape, quantization: perTensor(16 / 256, dtype === 'int8' ? 127 : 255) });
  b.op(BuiltinOp.LOG_SOFTMAX, [x], [out]);
  return b.build(`LOG_SOFTMAX ${dtype} [${shape}] input scale ${scale}`);
}

function quantizedExtremum(rng: Rng, op: 'MAXIMUM' | 'MINIMUM', dtype: 'int8' | 'uint8', a: number[], bShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const q = perTensor(Math.fround(rng.uniform(0.01, 0.04)), randomZeroPoint(rng, dtype));
  const x = b.input({ dtype, shape: a, quantization: q }, randomInts(rng, dtype, a));
  const y = b.input({ dtype, shape: bShape, quantization: q }, randomInts(rng, dtype, bShape));
  const out = b.output({ dtype, shape: broadcastShapes(a, bShape), quantization: q });
  b.op(BuiltinOp[op], [x, y], [out]);
  return b.build(`${op} ${dtype} [${a}] with [${bShape}]`);
}

function addN(rng: Rng, count: number, shape: number[], dtype: 'float32' | 'int32'): DiffCase {
  const b = new CaseBuilder();
  const inputs = Array.from({ length: count }, () =>
    b.input({ dtype, shape }, dtype === 'float32' ? normalFloats(rng, shape) : randomInts(rng, 'int32', shape, -1000, 1000)));
  const out = b.output({ dtype, shape });
  b.op(BuiltinOp.ADD_N, inputs, [out]);
  return b.build(`ADD_N ${dtype} of ${count} [${shape}]`);
}

export const extraElementwiseFamily: DiffFamily = {
  name: 'extra element-wise ops',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 102);
    return [
      ...UNARY.map((s) => unary(rng, s)),
      binaryFloat(rng, 'POW', [2, 3, 4], [2, 3, 4]),
      binaryFloat(rng, 'POW', [3, 4], [4]),
      binaryFloat(rng, 'FLOOR_DIV', [2, 5], [2, 5]),
      binaryFloat(rng, 'FLOOR_DIV', [3, 1, 4], [2, 1]),
      binaryFloat(rng, 'FLOOR_MOD', [4, 5], [4, 5]),
      binaryFloat(rng, 'FLOOR_MOD', [2, 3, 4], [1, 4]),
      binaryFloat(rng, 'ATAN2', [3, 4], [3, 4]),
      binaryFloat(rng, 'ATAN2', [2, 3, 4], [2, 3, 4]),
      binaryInt(rng, 'POW', [3, 4], [3, 4]),
      binaryInt(rng, 'FLOOR_DIV', [4, 5], [4, 5]),
      binaryInt(rng, 'FLOOR_DIV', [2, 3, 4], [4]),
      binaryInt(rng, 'FLOOR_MOD', [4, 6], [4, 6]),
      binaryInt(rng, 'FLOOR_MOD', [2, 3, 4], [1, 4]),
      preluFloat(rng, [1, 4, 5, 3], [1, 1, 3]),
      preluFloat(rng, [2, 3, 4], [3, 4]),
      preluQuantized(rng, 'int8', [1, 4, 5, 3], [1, 1, 3]),
      preluQuantized(rng, 'uint8', [1, 3, 3, 4], [1, 1, 4]),
      quantizedUnary(rng, 'ELU', 'int8', [2, 3, 5], null),
      quantizedUnary(rng, 'ELU', 'int8', [4, 6], null),
      quantizedUnary(rng, 'GELU', 'int8', [3, 7], { kind: 'GeluOptions', approximate: false }),
      quantizedUnary(rng, 'GELU', 'uint8', [2, 2, 5], { kind: 'GeluOptions', approximate: true }),
      quantizedExtremum(rng, 'MAXIMUM', 'int8', [2, 3, 4], [3, 4]),
      quantizedExtremum(rng, 'MINIMUM', 'uint8', [4, 5], [4, 1]),
      quantizedL2Norm(rng, 'int8', [3, 8]),
      quantizedL2Norm(rng, 'int8', [1, 2, 2, 16]),
      quantizedL2Norm(rng, 'uint8', [4, 5]),
      quantizedLogSoftmax(rng, 'int8', [3, 10], 0.05),
      quantizedLogSoftmax(rng, 'int8', [2, 2, 6], 0.01),
      quantizedLogSoftmax(rng, 'uint8', [4, 7], 0.1),
      addN(rng, 3, [2, 3, 4], 'float32'),
      addN(rng, 4, [5, 2], 'int32'),
    ];
  },
};
