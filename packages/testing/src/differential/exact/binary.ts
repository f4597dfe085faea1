/**
 * ADD, SUB, MUL (and the pure-selection MAXIMUM / MINIMUM) on int8 and uint8, bit for bit against LiteRT.js:
 * every code of the first input against a spread of codes of the second (broadcast [256,1] × [1,17]), with
 * scale ratios that are powers of two (ties) and ratios that are not, plus fused RELU6 with its upper bound
 * on a half (XNNPACK quantizes the bounds half to even, TFLite's builtin kernels half away from zero).
 */
import {
  allocTyped,
  BuiltinOp,
  intRange,
  type FusedActivation,
  type QuantizationParams,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { arithmeticOptions } from '../options.js';
import type { QuantDType } from '../random_data.js';
import { everyCode } from './codes.js';

type Q8 = Extract<QuantDType, 'int8' | 'uint8'>;
type BinaryOp = 'ADD' | 'SUB' | 'MUL' | 'MAXIMUM' | 'MINIMUM';

/** 17 codes spread over the type's range, both ends included. */
function spread(dtype: Q8): TypedArray {
  const { min, max } = intRange(dtype);
  const out = allocTyped(dtype, 17);
  for (let i = 0; i < 17; i++) out[i] = Math.round(min + (i * (max - min)) / 16);
  return out;
}

interface Scales {
  readonly a: QuantizationParams;
  readonly b: QuantizationParams;
  readonly out: QuantizationParams;
  readonly label: string;
}

function scalesFor(op: BinaryOp, dtype: Q8): Scales[] {
  const mid = dtype === 'int8' ? 0 : 128;
  const p = (s: number, zp: number): QuantizationParams => perTensor(s, mid + zp);
  if (op === 'MUL') {
    return [
      { a: p(1 / 16, 3), b: p(1 / 8, -5), out: p(1 / 4, 7), label: 'power-of-two ratio' },
      { a: p(0.0213, -9), b: p(0.047, 11), out: p(0.0531, -2), label: 'trained-looking scales' },
    ];
  }
  return [
    { a: p(1 / 8, 3), b: p(1 / 4, -5), out: p(1 / 4, 7), label: 'power-of-two ratios' },
    { a: p(0.0213, -9), b: p(0.0170, 11), out: p(0.0351, -2), label: 'trained-looking scales' },
  ];
}

interface Operands {
  readonly shapes: readonly [readonly number[], readonly number[]];
  readonly data: readonly [TypedArray, TypedArray];
  readonly label: string;
}

/** Every code against 17 codes spread over the range, broadcast to [256, 17]. */
const broadcastOperands = (dtype: Q8): Operands => ({
  shapes: [[256, 1], [1, 17]], data: [everyCode(dtype), spread(dtype)], label: 'every code × 17 codes (broadcast)',
});

/** Same shapes (the wasm int8 ADD kernel's case): every code against every code reversed. */
const sameShapeOperands = (dtype: Q8): Operands => ({
  shapes: [[16, 16], [16, 16]], data: [everyCode(dtype), everyCode(dtype).reverse()], label: 'same shapes, every code',
});

function binaryCase(op: BinaryOp, dtype: Q8, s: Scales, activation: FusedActivation, operands: Operands, todo?: string): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape: operands.shapes[0], quantization: s.a }, operands.data[0]);
  const y = b.input({ dtype, shape: operands.shapes[1], quantization: s.b }, operands.data[1]);
  const outShape = operands.shapes[0].map((d, i) => Math.max(d, operands.shapes[1][i]));
  const z = b.output({ dtype, shape: outShape, quantization: s.out }, EXACT);
  const fused = op === 'ADD' || op === 'SUB' || op === 'MUL';
  const options = fused ? arithmeticOptions(`${op[0]}${op.slice(1).toLowerCase()}Options` as 'AddOptions', activation) : null;
  b.op(BuiltinOp[op], [x, y], [z], options, dtype === 'int8' ? 2 : 1);
  const c = b.build(`${op} ${dtype} ${s.label}, ${operands.label} ${fused ? activation : ''}`);
  return todo ? { ...c, todo } : c;
}

/** Output scale 4: 6 / 4 = 1.5 puts RELU6's upper bound on a half. */
function coarse(s: Scales): Scales {
  return { ...s, out: perTensor(4, s.out.zeroPoint[0]), label: 'output scale 4 (RELU6 bound on a half)' };
}

export const exactBinaryFamily: DiffFamily = {
  name: 'ADD / SUB / MUL / MAXIMUM / MINIMUM int8 and uint8, bit-exact',
  cases: () => {
    const cases: DiffCase[] = [];
    for (const dtype of ['uint8', 'int8'] as const) {
      for (const op of ['ADD', 'SUB', 'MUL'] as const) {
        for (const s of scalesFor(op, dtype)) cases.push(binaryCase(op, dtype, s, 'NONE', broadcastOperands(dtype)));
        const ties = scalesFor(op, dtype)[0];
        cases.push(binaryCase(op, dtype, ties, 'RELU6', broadcastOperands(dtype)));
        cases.push(binaryCase(op, dtype, coarse(ties), 'RELU6', broadcastOperands(dtype)));
        // Same shapes: the int8 wasm ADD kernel's case (its activation bounds rounded as XNNPACK's).
        cases.push(binaryCase(op, dtype, coarse(ties), 'RELU6', sameShapeOperands(dtype)));
      }
      for (const op of ['MAXIMUM', 'MINIMUM'] as const) {
        const s = scalesFor(op, dtype)[0];
        cases.push(binaryCase(op, dtype, { ...s, b: s.a, out: s.a }, 'NONE', broadcastOperands(dtype)));
      }
    }
    return cases;
  },
};
