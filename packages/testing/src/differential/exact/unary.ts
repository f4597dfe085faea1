/**
 * Element-wise 8-bit ops over every input code, bit for bit against LiteRT.js: the activations (LOGISTIC,
 * TANH, ELU, GELU, HARD_SWISH, LEAKY_RELU, RELU, RELU6, RELU_N1_TO_1) with wide and narrow input ranges
 * and off-centre zero points, and DEQUANTIZE. Each input code is met once, so a table entry or rounding
 * rule that differs from LiteRT's shows as at least one differing element.
 */
import { BuiltinOp, type BuiltinOptions, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import type { QuantDType } from '../random_data.js';
import { everyCode } from './codes.js';

type Q8 = Extract<QuantDType, 'int8' | 'uint8'>;

interface UnaryOp {
  readonly op: keyof typeof BuiltinOp;
  readonly dtypes: readonly Q8[];
  /** The output parameters TFLite requires (or a sensible choice), from the input's. */
  readonly output: (dtype: Q8, input: QuantizationParams) => QuantizationParams;
  readonly options?: BuiltinOptions;
  readonly version?: (dtype: Q8) => number;
}

const bottom = (dtype: Q8): number => (dtype === 'int8' ? -128 : 0);
const middle = (dtype: Q8): number => (dtype === 'int8' ? 0 : 128);
const sameAsInput = (_d: Q8, q: QuantizationParams): QuantizationParams => q;
/** An output range a little wider than the input's, with its own zero point. */
const rescaled = (d: Q8, q: QuantizationParams): QuantizationParams =>
  perTensor(Math.fround(q.scale[0] * 1.375), middle(d) - 11);

const OPS: readonly UnaryOp[] = [
  { op: 'LOGISTIC', dtypes: ['uint8', 'int8'], output: (d) => perTensor(1 / 256, bottom(d)), version: (d) => (d === 'int8' ? 2 : 1) },
  { op: 'TANH', dtypes: ['uint8', 'int8'], output: (d) => perTensor(1 / 128, middle(d)), version: (d) => (d === 'int8' ? 2 : 1) },
  { op: 'ELU', dtypes: ['int8'], output: rescaled },
  { op: 'GELU', dtypes: ['uint8', 'int8'], output: rescaled, options: { kind: 'GeluOptions', approximate: false } },
  { op: 'HARD_SWISH', dtypes: ['uint8', 'int8'], output: rescaled },
  { op: 'LEAKY_RELU', dtypes: ['uint8', 'int8'], output: rescaled, options: { kind: 'LeakyReluOptions', alpha: 0.2 }, version: (d) => (d === 'int8' ? 2 : 1) },
  { op: 'RELU', dtypes: ['uint8', 'int8'], output: rescaled, version: (d) => (d === 'int8' ? 2 : 1) },
  { op: 'RELU6', dtypes: ['uint8', 'int8'], output: sameAsInput, version: (d) => (d === 'int8' ? 2 : 1) },
  { op: 'RELU_N1_TO_1', dtypes: ['uint8', 'int8'], output: rescaled },
];

/** Input ranges: wide (±8 around the zero point) and narrow (±1.5), the zero point off centre. */
function inputParams(dtype: Q8): QuantizationParams[] {
  return [perTensor(1 / 16, middle(dtype) + 5), perTensor(3 / 256, middle(dtype) - 37)];
}

function unaryCase(u: UnaryOp, dtype: Q8, inQ: QuantizationParams): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape: [256], quantization: inQ }, everyCode(dtype));
  const y = b.output({ dtype, shape: [256], quantization: u.output(dtype, inQ) }, EXACT);
  b.op(BuiltinOp[u.op], [x], [y], u.options ?? null, u.version?.(dtype) ?? 1);
  return b.build(`${u.op} ${dtype} every code, input scale ${inQ.scale[0]} zero point ${inQ.zeroPoint[0]}`);
}

function dequantizeCase(dtype: Q8, inQ: QuantizationParams): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape: [256], quantization: inQ }, everyCode(dtype));
  const y = b.output({ dtype: 'float32', shape: [256] }, EXACT);
  b.op(BuiltinOp.DEQUANTIZE, [x], [y], null, dtype === 'int8' ? 2 : 1);
  return b.build(`DEQUANTIZE ${dtype} every code, scale ${inQ.scale[0]}`);
}

export const exactUnaryFamily: DiffFamily = {
  name: 'element-wise int8 / uint8 activations and DEQUANTIZE over every code, bit-exact',
  cases: () => [
    ...OPS.flatMap((u) => u.dtypes.flatMap((d) => inputParams(d).map((q) => unaryCase(u, d, q)))),
    ...(['uint8', 'int8'] as const).map((d) => dequantizeCase(d, perTensor(0.0173, middle(d) + 3))),
  ],
};
