/**
 * int16 LOGISTIC and TANH over every int16 input, at the input scales that pick each of TFLite's paths:
 * the power-of-two scales of its optimized gemmlowp kernels (2^-12; 2^-11 for tanh) and random scales of
 * the table kernel. Outputs must equal LiteRT's exactly.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from './case_builder.js';
import { randomScale } from './random_data.js';
import { Rng } from './rng.js';

const ALL_INT16 = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);

function sweep(op: 'LOGISTIC' | 'TANH', scale: number, note: string): DiffCase {
  const b = new CaseBuilder();
  const shape = [256, 256];
  const x = b.input({ dtype: 'int16', shape, quantization: perTensor(scale, 0) }, ALL_INT16.slice());
  const y = b.output({ dtype: 'int16', shape, quantization: perTensor(1 / 32768, 0) }, EXACT);
  b.op(BuiltinOp[op], [x], [y]);
  return b.build(`${op} int16 every input, input scale ${note}`);
}

export const int16ActivationsFamily: DiffFamily = {
  name: 'int16 LOGISTIC and TANH on every input value',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 31);
    const random = [randomScale(rng, -4.5, -3), randomScale(rng, -3, -2)];
    return (['LOGISTIC', 'TANH'] as const).flatMap((op) => [
      sweep(op, 2 ** -12, '2^-12 (fixed point)'),
      sweep(op, 2 ** -11, op === 'TANH' ? '2^-11 (fixed point, doubled)' : '2^-11 (table)'),
      sweep(op, 2 ** -14, '2^-14 (table)'),
      ...random.map((s) => sweep(op, s, `${s.toPrecision(3)} (table)`)),
    ]);
  },
};
