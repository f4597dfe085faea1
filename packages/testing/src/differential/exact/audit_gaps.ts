/**
 * The type and version combinations the op audit (TFLITE_OP_VERSIONS) found missing, one differential case
 * each, bit for bit against LiteRT.js: int64 arithmetic, int8/int16 integer FLOOR_DIV / FLOOR_MOD, int32
 * SQUARED_DIFFERENCE, and the quantized forms of ABS, RSQRT, EXP, LOG, SQUARED_DIFFERENCE, DIV,
 * REDUCE_PROD, BATCH_MATMUL, TRANSPOSE_CONV (16x8), RESIZE_BILINEAR (int16) and EMBEDDING_LOOKUP tables.
 */
import {
  allocTyped,
  BuiltinOp,
  intRange,
  type BuiltinOptions,
  type DType,
  type QuantizationParams,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, randomInts, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { centred, everyCode } from './codes.js';

type Op = keyof typeof BuiltinOp;

function int64s(rng: Rng, n: number, magnitude: number): BigInt64Array {
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt(Math.round(rng.uniform(-1, 1) * magnitude));
  return out;
}

/** Plain (unquantized) integers, nonzero where `nonzero` (divisors). */
function plainInts(rng: Rng, dtype: DType, n: number, nonzero = false): TypedArray {
  if (dtype === 'int64') return int64s(rng, n, 2 ** 40);
  const { min, max } = intRange(dtype as QuantDType | 'int32');
  const out = allocTyped(dtype, n);
  for (let i = 0; i < n; i++) {
    let v = rng.int(Math.max(min, -300), Math.min(max, 300));
    if (nonzero && v === 0) v = 7;
    out[i] = v;
  }
  return out;
}

function binaryPlain(rng: Rng, op: Op, dtype: DType, version: number, options: BuiltinOptions | null = null): DiffCase {
  const b = new CaseBuilder();
  const divisor = op === 'FLOOR_DIV' || op === 'FLOOR_MOD';
  const x = b.input({ dtype, shape: [6, 8] }, plainInts(rng, dtype, 48));
  const y = b.input({ dtype, shape: [1, 8] }, plainInts(rng, dtype, 8, divisor));
  const z = b.output({ dtype, shape: [6, 8] }, EXACT);
  b.op(BuiltinOp[op], [x, y], [z], options, version);
  return b.build(`${op} ${dtype} (integers, broadcast)`);
}

const arithmetic = (kind: 'AddOptions' | 'SubOptions' | 'MulOptions'): BuiltinOptions =>
  ({ kind, fusedActivation: 'NONE', potScaleInt16: true }) as BuiltinOptions;

/** Every input code (RSQRT: every one at or above the zero point, the others being refused). */
function unaryQuantized(rng: Rng, op: Op, dtype: QuantDType, inQ: QuantizationParams, outQ: QuantizationParams, version: number): DiffCase {
  const b = new CaseBuilder();
  const all = everyCode(dtype);
  const codes = op === 'RSQRT' ? all.filter((c) => c >= inQ.zeroPoint[0]!) : all;
  const x = b.input({ dtype, shape: [codes.length], quantization: inQ }, codes);
  const y = b.output({ dtype, shape: [codes.length], quantization: outQ }, EXACT);
  b.op(BuiltinOp[op], [x], [y], null, version);
  void rng;
  return b.build(`${op} ${dtype} every code, scale ${inQ.scale[0]} -> ${outQ.scale[0]}`);
}

/** Every code of the first input against 9 codes of the second (DIV: none at the divisor's zero point or 0). */
function binaryQuantized(
  rng: Rng, op: Op, dtype: QuantDType, qa: QuantizationParams, qb: QuantizationParams, qo: QuantizationParams, version: number,
  activation: 'NONE' | 'RELU6' = 'NONE',
): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape: [256, 1], quantization: qa }, everyCode(dtype));
  const codes = randomInts(rng, dtype, [9]);
  if (op === 'DIV') codes.forEach((c, i) => { if (c === 0 || c === qb.zeroPoint[0]) codes[i] = c + 1; });
  const y = b.input({ dtype, shape: [1, 9], quantization: qb }, codes);
  const z = b.output({ dtype, shape: [256, 9], quantization: qo }, EXACT);
  const options = op === 'DIV' ? ({ kind: 'DivOptions', fusedActivation: activation, potScaleInt16: true } as BuiltinOptions) : null;
  b.op(BuiltinOp[op], [x, y], [z], options, version);
  return b.build(`${op} ${dtype} every code × 9 codes${activation === 'NONE' ? '' : `, ${activation}`}`);
}

/** ABS on int16 without quantization: |x| with −32768 wrapping to itself. */
function unaryPlainInt16Abs(): DiffCase {
  const b = new CaseBuilder();
  const values = new Int16Array([-32768, -32767, -300, -1, 0, 1, 300, 32767]);
  const x = b.input({ dtype: 'int16', shape: [8] }, values);
  const y = b.output({ dtype: 'int16', shape: [8] }, EXACT);
  b.op(BuiltinOp.ABS, [x], [y], null, 3);
  return b.build('ABS int16 without quantization');
}

/** Products over 4 values of the last axis, or over axes 0 and 2 (6 values, strided) with keep_dims. */
function reduceProd(rng: Rng, dtype: QuantDType, strided: boolean): DiffCase {
  const b = new CaseBuilder();
  const q = dtype === 'int16' ? perTensor(1 / 4096, 0) : perTensor(1 / 32, 5);
  const shape = strided ? [3, 4, 2] : [8, 4];
  const x = b.input({ dtype, shape, quantization: q }, randomInts(rng, dtype, shape, dtype === 'int16' ? -9000 : -128, dtype === 'int16' ? 9000 : 127));
  const axes = b.constant({ dtype: 'int32', shape: [strided ? 2 : 1] }, i32(strided ? [0, -1] : [1]));
  const outShape = strided ? [1, 4, 1] : [8];
  const y = b.output({ dtype, shape: outShape, quantization: perTensor(dtype === 'int16' ? 1 / 2048 : 0.05, dtype === 'int16' ? 0 : -7) }, EXACT);
  b.op(BuiltinOp.REDUCE_PROD, [x, axes], [y], { kind: 'ReducerOptions', keepDims: strided }, 2);
  return b.build(`REDUCE_PROD ${dtype} ${strided ? 'over axes 0 and 2, keep_dims' : 'over the last axis'}`);
}

/** [2,3,16] × [2,16,5]; or with adj_x / adj_y and the rhs batch broadcast ([2,16,3] × [1,5,16]). */
function batchMatmul(rng: Rng, dtype: 'int8' | 'int16', adjoint: boolean): DiffCase {
  const b = new CaseBuilder();
  const q = (s: number, zp: number) => perTensor(s, dtype === 'int8' ? zp : 0);
  const lhsShape = adjoint ? [2, 16, 3] : [2, 3, 16];
  const rhsShape = adjoint ? [1, 5, 16] : [2, 16, 5];
  const x = b.input({ dtype, shape: lhsShape, quantization: q(0.05, 3) }, randomInts(rng, dtype, lhsShape));
  const w = b.input({ dtype, shape: rhsShape, quantization: q(0.04, -7) }, randomInts(rng, dtype, rhsShape));
  const y = b.output({ dtype, shape: [2, 3, 5], quantization: q(dtype === 'int8' ? 0.5 : 50, 11) }, EXACT);
  const options = { kind: 'BatchMatMulOptions', adjX: adjoint, adjY: adjoint, asymmetricQuantizeInputs: false } as BuiltinOptions;
  b.op(BuiltinOp.BATCH_MATMUL, [x, w], [y], options, dtype === 'int8' ? 2 : 3);
  return b.build(`BATCH_MATMUL ${dtype} [${lhsShape}] x [${rhsShape}]${adjoint ? ' adj_x adj_y' : ''}`);
}

/** int16 activations, per-channel int8 weights, stride 2; with an int64 bias or none. */
function transposeConv16x8(rng: Rng, withBias: boolean): DiffCase {
  const b = new CaseBuilder();
  const shape = b.constant({ dtype: 'int32', shape: [4] }, i32([1, 8, 8, 2]));
  const wQ: QuantizationParams = { scale: [0.02, 0.03], zeroPoint: [0, 0], quantizedDimension: 0 };
  const w = b.constant({ dtype: 'int8', shape: [2, 3, 3, 3], quantization: wQ }, randomInts(rng, 'int8', [2, 3, 3, 3], -127, 127));
  const x = b.input({ dtype: 'int16', shape: [1, 4, 4, 3], quantization: perTensor(1 / 1024, 0) }, randomInts(rng, 'int16', [1, 4, 4, 3]));
  const inputs = [shape, w, x];
  if (withBias) {
    const biasQ: QuantizationParams = { scale: [0.02 / 1024, 0.03 / 1024], zeroPoint: [0, 0], quantizedDimension: 0 };
    inputs.push(b.constant({ dtype: 'int64', shape: [2], quantization: biasQ }, int64s(rng, 2, 5000)));
  }
  const y = b.output({ dtype: 'int16', shape: [1, 8, 8, 2], quantization: perTensor(1 / 256, 0) }, EXACT);
  const options = { kind: 'TransposeConvOptions', padding: 'SAME', strideH: 2, strideW: 2, fusedActivation: 'NONE' } as BuiltinOptions;
  b.op(BuiltinOp.TRANSPOSE_CONV, inputs, [y], options, 3);
  return b.build(`TRANSPOSE_CONV int16 activations, int8 weights, ${withBias ? 'int64 bias' : 'no bias'}`);
}

function resizeInt16(rng: Rng, mode: 'plain' | 'half_pixel' | 'align_corners'): DiffCase {
  const b = new CaseBuilder();
  const q = perTensor(1 / 4096, 0);
  const x = b.input({ dtype: 'int16', shape: [1, 5, 6, 2], quantization: q }, randomInts(rng, 'int16', [1, 5, 6, 2]));
  const size = b.constant({ dtype: 'int32', shape: [2] }, i32([9, 11]));
  const y = b.output({ dtype: 'int16', shape: [1, 9, 11, 2], quantization: q }, EXACT);
  const options = { kind: 'ResizeBilinearOptions', alignCorners: mode === 'align_corners', halfPixelCenters: mode === 'half_pixel' } as BuiltinOptions;
  b.op(BuiltinOp.RESIZE_BILINEAR, [x, size], [y], options, 4);
  return b.build(`RESIZE_BILINEAR int16 ${mode}`);
}

/** A quantized table (zero point 0, as TFLite requires) looked up into float32; uint8 codes above 127 included. */
function embeddingLookup(rng: Rng, dtype: 'uint8' | 'int8', perRow: boolean): DiffCase {
  const b = new CaseBuilder();
  const ids = b.input({ dtype: 'int32', shape: [5] }, i32([3, 0, 7, 3, 5]));
  const quantization: QuantizationParams = perRow
    ? { scale: Array.from({ length: 8 }, (_, r) => 0.01 * (r + 1)), zeroPoint: new Array<number>(8).fill(0), quantizedDimension: 0 }
    : perTensor(0.0371, 0);
  const table = b.constant({ dtype, shape: [8, 6], quantization }, randomInts(rng, dtype, [8, 6]));
  const y = b.output({ dtype: 'float32', shape: [5, 6] }, EXACT);
  b.op(BuiltinOp.EMBEDDING_LOOKUP, [ids, table], [y], null, dtype === 'uint8' ? 2 : 3);
  return b.build(`EMBEDDING_LOOKUP ${dtype} table${perRow ? ' (a scale per row)' : ''} to float32`);
}

export const exactAuditGapsFamily: DiffFamily = {
  name: 'type and version combinations the op audit found missing, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 909);
    const q = (d: QuantDType, s: number) => (d === 'int16' ? perTensor(s, 0) : centred(d, s));
    return [
      binaryPlain(rng, 'ADD', 'int64', 4, arithmetic('AddOptions')),
      binaryPlain(rng, 'SUB', 'int64', 4, arithmetic('SubOptions')),
      binaryPlain(rng, 'MUL', 'int64', 5, arithmetic('MulOptions')),
      binaryPlain(rng, 'MAXIMUM', 'int64', 1),
      binaryPlain(rng, 'MINIMUM', 'int64', 1),
      binaryPlain(rng, 'FLOOR_MOD', 'int64', 1),
      binaryPlain(rng, 'FLOOR_DIV', 'int8', 3),
      binaryPlain(rng, 'FLOOR_DIV', 'int16', 3),
      binaryPlain(rng, 'FLOOR_MOD', 'int8', 2),
      binaryPlain(rng, 'FLOOR_MOD', 'int16', 2),
      binaryPlain(rng, 'SQUARED_DIFFERENCE', 'int32', 1),
      unaryQuantized(rng, 'ABS', 'int8', q('int8', 0.05), q('int8', 0.05), 2),
      unaryQuantized(rng, 'ABS', 'int8', q('int8', 0.05), q('int8', 0.03), 2),
      unaryQuantized(rng, 'ABS', 'int16', q('int16', 1 / 1024), q('int16', 1 / 700), 3),
      unaryPlainInt16Abs(),
      unaryQuantized(rng, 'RSQRT', 'int16', perTensor(1 / 1024, 0), perTensor(1 / 2048, 0), 3),
      unaryQuantized(rng, 'RSQRT', 'int8', perTensor(0.05, -128), perTensor(0.02, -128), 2),
      unaryQuantized(rng, 'EXP', 'int8', q('int8', 0.02), perTensor(0.03, -128), 2),
      unaryQuantized(rng, 'EXP', 'int16', q('int16', 1 / 8192), perTensor(1 / 4096, 0), 2),
      unaryQuantized(rng, 'LOG', 'int8', perTensor(0.05, -128), q('int8', 0.04), 2),
      unaryQuantized(rng, 'LOG', 'int16', perTensor(1 / 2048, 0), perTensor(1 / 2048, 0), 2),
      binaryQuantized(rng, 'SQUARED_DIFFERENCE', 'int8', q('int8', 0.05), q('int8', 0.07), perTensor(0.2, -128), 2),
      binaryQuantized(rng, 'DIV', 'uint8', q('uint8', 0.05), perTensor(0.02, 0), q('uint8', 0.3), 1),
      binaryQuantized(rng, 'DIV', 'uint8', perTensor(0.1, 3), perTensor(0.5, 140), q('uint8', 0.01), 1, 'RELU6'),
      ...(['int8', 'int16'] as const).flatMap((d) => [reduceProd(rng, d, false), reduceProd(rng, d, true)]),
      ...(['int8', 'int16'] as const).flatMap((d) => [batchMatmul(rng, d, false), batchMatmul(rng, d, true)]),
      transposeConv16x8(rng, true),
      transposeConv16x8(rng, false),
      ...(['plain', 'half_pixel', 'align_corners'] as const).map((mode) => resizeInt16(rng, mode)),
      embeddingLookup(rng, 'uint8', false),
      embeddingLookup(rng, 'int8', false),
      embeddingLookup(rng, 'int8', true),
    ];
  },
};
