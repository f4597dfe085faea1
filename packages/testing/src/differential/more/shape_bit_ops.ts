/**
 * BROADCAST_ARGS, REVERSE_SEQUENCE, MATRIX_DIAG, MATRIX_SET_DIAG, DILATE, RELU_0_TO_1 (float32 and int8),
 * FAKE_QUANT (TFLite refuses narrow_range at run time; a kernel test covers that), BUCKETIZE, and the bit ops BITCAST, BITWISE_XOR and RIGHT_SHIFT over
 * every integer width, and uint32 MUL (int32 inputs reinterpreted by BITCAST, since the LiteRT.js API has no
 * unsigned inputs),
 * and REDUCE_WINDOW (its options in builtin_options_2) over float32, int32, int8, int64 and bool.
 */
import { BuiltinOp, type BuiltinOptions, type DType } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomInts, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

function broadcastArgs(a: number[], b2: number[], out: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'int32', shape: [a.length] }, i32(a));
  const y = b.input({ dtype: 'int32', shape: [b2.length] }, i32(b2));
  const o = b.output({ dtype: 'int32', shape: [out.length] });
  b.op(BuiltinOp.BROADCAST_ARGS, [x, y], [o]);
  return b.build(`BROADCAST_ARGS [${a}] with [${b2}]`);
}

function reverseSequence(rng: Rng, dtype: 'float32' | 'int32', shape: number[], seqDim: number, batchDim: number, lengths: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape }, dtype === 'float32' ? normalFloats(rng, shape) : randomInts(rng, 'int32', shape, -99, 99));
  const len = b.input({ dtype: 'int32', shape: [lengths.length] }, i32(lengths));
  const out = b.output({ dtype, shape });
  b.op(BuiltinOp.REVERSE_SEQUENCE, [x, len], [out], { kind: 'ReverseSequenceOptions', seqDim, batchDim });
  return b.build(`REVERSE_SEQUENCE ${dtype} [${shape}] seq_dim ${seqDim} batch_dim ${batchDim} lengths [${lengths}]`);
}

function matrixDiag(rng: Rng, shape: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const out = b.output({ dtype: 'float32', shape: [...shape, shape[shape.length - 1]!] });
  b.op(BuiltinOp.MATRIX_DIAG, [x], [out]);
  return b.build(`MATRIX_DIAG float32 [${shape}]`);
}

function matrixSetDiag(rng: Rng, shape: number[]): DiffCase {
  const b = new CaseBuilder();
  const r = shape.length;
  const diagShape = [...shape.slice(0, r - 2), Math.min(shape[r - 2]!, shape[r - 1]!)];
  const x = b.input({ dtype: 'int32', shape }, randomInts(rng, 'int32', shape, -9, 9));
  const d = b.input({ dtype: 'int32', shape: diagShape }, randomInts(rng, 'int32', diagShape, 50, 99));
  const out = b.output({ dtype: 'int32', shape });
  b.op(BuiltinOp.MATRIX_SET_DIAG, [x, d], [out]);
  return b.build(`MATRIX_SET_DIAG int32 [${shape}]`);
}

function dilate(rng: Rng, shape: number[], dilations: number[]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const d = b.constant({ dtype: 'int32', shape: [shape.length] }, i32(dilations));
  const pad = b.constant({ dtype: 'float32', shape: [] }, Float32Array.from([-7.5]));
  const out = b.output({ dtype: 'float32', shape: shape.map((s, i) => (s - 1) * dilations[i]! + 1) });
  b.op(BuiltinOp.DILATE, [x, d, pad], [out]);
  return b.build(`DILATE float32 [${shape}] by [${dilations}]`);
}

function relu0To1(rng: Rng, quantized: boolean): DiffCase {
  const b = new CaseBuilder();
  const shape = [2, 9];
  if (!quantized) {
    const x = b.input({ dtype: 'float32', shape }, uniformFloats(rng, shape, -0.5, 1.5));
    b.op(BuiltinOp.RELU_0_TO_1, [x], [b.output({ dtype: 'float32', shape })]);
    return b.build('RELU_0_TO_1 float32');
  }
  const x = b.input({ dtype: 'int8', shape, quantization: perTensor(0.02, -10) }, randomInts(rng, 'int8', shape));
  b.op(BuiltinOp.RELU_0_TO_1, [x], [b.output({ dtype: 'int8', shape, quantization: perTensor(0.005, -128) })]);
  return b.build('RELU_0_TO_1 int8 (requantized)');
}

function fakeQuant(rng: Rng, min: number, max: number, numBits: number, narrowRange: boolean): DiffCase {
  const b = new CaseBuilder();
  const shape = [3, 7];
  const x = b.input({ dtype: 'float32', shape }, uniformFloats(rng, shape, min - 1, max + 1));
  const options: BuiltinOptions = { kind: 'FakeQuantOptions', min, max, numBits, narrowRange };
  b.op(BuiltinOp.FAKE_QUANT, [x], [b.output({ dtype: 'float32', shape })], options, narrowRange ? 2 : 1);
  return b.build(`FAKE_QUANT [${min}, ${max}] ${numBits} bits${narrowRange ? ' narrow' : ''}`);
}

function bucketize(rng: Rng, dtype: 'float32' | 'int32', boundaries: number[]): DiffCase {
  const b = new CaseBuilder();
  const shape = [4, 5];
  const data = dtype === 'float32'
    ? Float32Array.from(uniformFloats(rng, shape, -3, 3), (v, i) => (i % 5 === 0 ? boundaries[i % boundaries.length]! : v))
    : randomInts(rng, 'int32', shape, -4, 4);
  const x = b.input({ dtype, shape }, data);
  b.op(BuiltinOp.BUCKETIZE, [x], [b.output({ dtype: 'int32', shape })], { kind: 'BucketizeOptions', boundaries });
  return b.build(`BUCKETIZE ${dtype} boundaries [${boundaries}]`);
}

/** int32 input → BITCAST to `dtype` → op with a constant → BITCAST back to int32 output. */
function bitOp(rng: Rng, op: 'BITWISE_XOR' | 'RIGHT_SHIFT' | 'MUL', dtype: DType, lanes: number, other: number[]): DiffCase {
  const b = new CaseBuilder();
  const n = 6;
  const x = b.input({ dtype: 'int32', shape: [n] }, randomInts(rng, 'int32', [n], -2147483648, 2147483647));
  const wide = lanes === 1 ? [n] : [n, lanes];
  const cast = b.intermediate({ dtype, shape: wide });
  b.op(BuiltinOp.BITCAST, [x], [cast]);
  const ctor = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array }[dtype as 'int8'];
  const y = b.constant({ dtype, shape: [other.length] }, ctor.from(other));
  const result = b.intermediate({ dtype, shape: wide });
  b.op(BuiltinOp[op], [cast, y], [result], op === 'MUL' ? { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true } : null);
  const out = b.output({ dtype: 'int32', shape: [n] });
  b.op(BuiltinOp.BITCAST, [result], [out]);
  return b.build(`${op} ${dtype} with [${other}] (broadcast), through BITCAST`);
}

type ReduceFn = 'ADD' | 'MUL' | 'MINIMUM' | 'MAXIMUM' | 'ALL' | 'ANY';

/** REDUCE_WINDOW on `dtype` (reached from an int32/float32 input by CAST where LiteRT.js cannot feed it). */
function reduceWindow(rng: Rng, dtype: DType, fn: ReduceFn, shape: number[], win: number[], strides: number[], dilations: number[], init: number): DiffCase {
  const b = new CaseBuilder();
  const feed = dtype === 'float32' ? 'float32' : 'int32';
  const x = b.input({ dtype: feed, shape }, feed === 'float32' ? normalFloats(rng, shape) : randomInts(rng, 'int32', shape, -3, 3));
  const data = feed === dtype ? x : b.intermediate({ dtype, shape });
  if (data !== x) b.op(BuiltinOp.CAST, [x], [data]);
  const initData = dtype === 'int64' ? BigInt64Array.from([BigInt(init)]) : dtype === 'float32' ? Float32Array.from([init]) : dtype === 'int32' ? Int32Array.from([init]) : dtype === 'int8' ? Int8Array.from([init]) : Uint8Array.from([init]);
  const initT = b.constant({ dtype, shape: [] }, initData);
  const vec = (v: number[]) => b.constant({ dtype: 'int64', shape: [v.length] }, BigInt64Array.from(v.map(BigInt)));
  const outShape = shape.map((d, i) => {
    const span = (win[i]! - 1) * dilations[i]! + 1;
    return d < span ? 0 : Math.floor((d - span) / strides[i]!) + 1;
  });
  const reduced = dtype === feed ? b.output({ dtype, shape: outShape }) : b.intermediate({ dtype, shape: outShape });
  b.op(BuiltinOp.REDUCE_WINDOW, [data, initT, vec(win), vec(strides), vec(dilations)], [reduced], { kind: 'ReduceWindowOptions', reduceFunction: fn });
  if (dtype !== feed) b.op(BuiltinOp.CAST, [reduced], [b.output({ dtype: feed, shape: outShape })]);
  return b.build(`REDUCE_WINDOW ${fn} ${dtype} [${shape}] window [${win}] strides [${strides}] dilations [${dilations}]`);
}

export const shapeBitOpsFamily: DiffFamily = {
  name: 'shape, matrix, quantization-emulation and bit ops',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 761);
    return [
      broadcastArgs([2, 1, 3], [4, 1], [2, 4, 3]),
      broadcastArgs([5], [1, 1, 5], [1, 1, 5]),
      reverseSequence(rng, 'float32', [3, 5, 2], 1, 0, [2, 5, 0]),
      reverseSequence(rng, 'int32', [4, 3], 0, 1, [4, 1, 3]),
      matrixDiag(rng, [2, 4]),
      matrixSetDiag(rng, [2, 3, 5]),
      matrixSetDiag(rng, [4, 2]),
      dilate(rng, [3, 4], [2, 3]),
      dilate(rng, [2, 2, 3], [1, 3, 1]),
      relu0To1(rng, false),
      relu0To1(rng, true),
      fakeQuant(rng, -1, 2, 8, false),
      fakeQuant(rng, -0.3, 1.7, 4, false),
      fakeQuant(rng, 0.5, 3, 8, false),
      bucketize(rng, 'float32', [-2, -0.5, 0, 1.25, 2]),
      bucketize(rng, 'int32', [-1, 0.5, 3]),
      bitOp(rng, 'BITWISE_XOR', 'int32', 1, [0x5a5a5a5a]),
      bitOp(rng, 'BITWISE_XOR', 'uint32', 1, [0xf0f0f0f0, 1, 2, 3, 4, 5].slice(0, 1)),
      bitOp(rng, 'BITWISE_XOR', 'uint16', 2, [0xffff, 0x1234]),
      bitOp(rng, 'BITWISE_XOR', 'int8', 4, [-1, 7, 0, -128]),
      bitOp(rng, 'RIGHT_SHIFT', 'int32', 1, [3]),
      bitOp(rng, 'RIGHT_SHIFT', 'uint32', 1, [31]),
      bitOp(rng, 'RIGHT_SHIFT', 'int16', 2, [1, 15]),
      bitOp(rng, 'RIGHT_SHIFT', 'uint8', 4, [0, 1, 7, 200]),
      bitOp(rng, 'RIGHT_SHIFT', 'int8', 4, [2, -1, 9, 0]),
      bitOp(rng, 'MUL', 'uint32', 1, [0x9e3779b9]),
      reduceWindow(rng, 'float32', 'ADD', [5, 6], [2, 3], [1, 2], [2, 1], 0.5),
      reduceWindow(rng, 'float32', 'MAXIMUM', [2, 5, 4, 3], [1, 3, 2, 3], [1, 2, 1, 1], [1, 1, 2, 1], -1e30),
      reduceWindow(rng, 'float32', 'MINIMUM', [7], [3], [3], [1], 1e30),
      reduceWindow(rng, 'int32', 'MUL', [4, 4], [2, 2], [2, 1], [1, 1], 1),
      reduceWindow(rng, 'int8', 'ADD', [3, 8], [3, 4], [1, 2], [1, 1], 120),
      reduceWindow(rng, 'int64', 'MUL', [6, 3], [3, 2], [1, 1], [2, 1], 7),
      reduceWindow(rng, 'bool', 'ALL', [4, 5], [2, 2], [1, 1], [1, 2], 1),
      reduceWindow(rng, 'bool', 'ANY', [4, 5], [3, 1], [1, 2], [1, 1], 0),
    ];
  },
};
