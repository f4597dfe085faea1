/**
 * Quantized ADD, SUB and MUL with broadcasting and rescaling: every operand and the output have their
 * own random scale and zero point (int16: zero points 0, general scales via pot_scale_int16 = false),
 * some with a fused activation.
 */
import { BuiltinOp, type FusedActivation, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { arithmeticOptions } from '../options.js';
import { randomInts, randomScale, randomZeroPoint, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { broadcastShape, SHAPE_PAIRS } from './float_binary.js';

type ArithOp = 'ADD' | 'SUB' | 'MUL';
const KIND = { ADD: 'AddOptions', SUB: 'SubOptions', MUL: 'MulOptions' } as const;

function quant(rng: Rng, dtype: QuantDType, scale: number): QuantizationParams {
  return perTensor(Math.fround(scale), randomZeroPoint(rng, dtype));
}

/**
 * Operand scales within a factor of ten of each other (as in real graphs); the output scale fits the
 * result: about the sum of the operand ranges (ADD/SUB) or their product (MUL).
 */
function scales(rng: Rng, op: ArithOp, dtype: QuantDType): [number, number, number] {
  const steps = dtype === 'int16' ? 32768 : 128;
  const a = randomScale(rng, -3, -1) * (128 / steps);
  const b = a * 10 ** rng.uniform(-1, 1);
  const out = op === 'MUL' ? a * b * steps * rng.uniform(0.3, 1) : (a + b) * rng.uniform(0.6, 1.2);
  return [a, b, out];
}

function arith(rng: Rng, op: ArithOp, dtype: QuantDType, pair: readonly [number[], number[]], activation: FusedActivation): DiffCase {
  const [sa, sb] = pair;
  const [qa, qb, qo] = scales(rng, op, dtype);
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape: sa, quantization: quant(rng, dtype, qa) }, randomInts(rng, dtype, sa));
  const ySpec = { dtype, shape: sb, quantization: quant(rng, dtype, qb) };
  const y = sb.length === 0 ? b.constant(ySpec, randomInts(rng, dtype, sb)) : b.input(ySpec, randomInts(rng, dtype, sb));
  const out = b.output({ dtype, shape: broadcastShape(sa, sb), quantization: quant(rng, dtype, qo) });
  // int16 ADD/SUB with arbitrary scales is the general (not power-of-two) path.
  b.op(BuiltinOp[op], [x, y], [out], arithmeticOptions(KIND[op], activation, false));
  return b.build(`${op} ${dtype} [${sa}] with [${sb}] ${activation}`);
}

const ACTIVATIONS: FusedActivation[] = ['NONE', 'RELU', 'NONE', 'RELU6', 'NONE'];

export const quantArithFamily: DiffFamily = {
  name: 'quantized ADD / SUB / MUL with broadcasting',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 13);
    const dtypes: QuantDType[] = ['int8', 'uint8', 'int16'];
    const ops: ArithOp[] = ['ADD', 'SUB', 'MUL'];
    return ops.flatMap((op) =>
      dtypes.flatMap((dtype, d) =>
        SHAPE_PAIRS.filter((_, j) => (j + d) % 2 === 0 || dtype === 'int8').map((pair, j) =>
          arith(rng, op, dtype, pair, ACTIVATIONS[(j + d) % ACTIVATIONS.length]),
        ),
      ),
    );
  },
};
