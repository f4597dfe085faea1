/**
 * SOFTMAX and LOG_SOFTMAX on quantized tensors, bit for bit against LiteRT.js: rows of shuffled codes of
 * every value (so each difference to the row maximum occurs), classifier-sized rows (1001 classes, as
 * MobileNet's), input scales from a logit's few hundredths to half a unit, and beta other than 1.
 */
import { BuiltinOp, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { randomInts, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { shuffledCodes } from './codes.js';

type Q8 = Extract<QuantDType, 'int8' | 'uint8'>;

interface Rows {
  readonly shape: readonly number[];
  readonly label: string;
  values(rng: Rng, dtype: QuantDType): ReturnType<typeof randomInts>;
}

const SHUFFLED: Rows = { shape: [8, 128], label: 'rows of every code, shuffled', values: (rng, d) => shuffledCodes(rng, d, d === 'int16' ? 1 : 4) };
/** Logit-like rows: most codes low, a few high, as a classifier's last layer gives. */
const CLASSIFIER: Rows = {
  shape: [2, 1001],
  label: 'classifier rows of 1001',
  values: (rng, d) => {
    const lo = d === 'uint8' ? 0 : d === 'int8' ? -128 : -32768;
    const hi = d === 'uint8' ? 255 : d === 'int8' ? 127 : 32767;
    const out = randomInts(rng, d, [2, 1001], lo, Math.round(lo + (hi - lo) * 0.6));
    for (let i = 0; i < 12; i++) out[rng.int(0, out.length - 1)] = rng.int(Math.round(lo + (hi - lo) * 0.6), hi);
    return out;
  },
};

function softmaxOutput(op: 'SOFTMAX' | 'LOG_SOFTMAX', dtype: QuantDType): QuantizationParams {
  if (dtype === 'int16') return op === 'SOFTMAX' ? perTensor(1 / 32768, 0) : perTensor(16 / 32768, 0);
  if (op === 'SOFTMAX') return perTensor(1 / 256, dtype === 'int8' ? -128 : 0);
  return perTensor(16 / 256, dtype === 'int8' ? 127 : 255);
}

function softmaxCase(rng: Rng, op: 'SOFTMAX' | 'LOG_SOFTMAX', dtype: QuantDType, rows: Rows, inScale: number, beta: number): DiffCase {
  const b = new CaseBuilder();
  const inQ = perTensor(inScale, dtype === 'int16' ? 0 : dtype === 'int8' ? -7 : 121);
  const x = b.input({ dtype, shape: rows.shape, quantization: inQ }, rows.values(rng, dtype));
  const y = b.output({ dtype, shape: rows.shape, quantization: softmaxOutput(op, dtype) }, EXACT);
  const version = dtype === 'int16' ? 3 : dtype === 'int8' ? 2 : 1;
  b.op(BuiltinOp[op], [x], [y], op === 'SOFTMAX' ? { kind: 'SoftmaxOptions', beta } : null, version);
  return b.build(`${op} ${dtype} ${rows.label}, input scale ${inScale}${op === 'SOFTMAX' ? `, beta ${beta}` : ''}`);
}

export const exactSoftmaxFamily: DiffFamily = {
  name: 'quantized SOFTMAX and LOG_SOFTMAX, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 404);
    const cases: DiffCase[] = [];
    for (const dtype of ['uint8', 'int8'] as const satisfies readonly Q8[]) {
      for (const inScale of [0.0234, 0.1, 0.5]) cases.push(softmaxCase(rng, 'SOFTMAX', dtype, SHUFFLED, inScale, 1));
      cases.push(softmaxCase(rng, 'SOFTMAX', dtype, SHUFFLED, 0.0625, 0.7));
      cases.push(softmaxCase(rng, 'SOFTMAX', dtype, CLASSIFIER, 0.1, 1));
      cases.push(softmaxCase(rng, 'LOG_SOFTMAX', dtype, SHUFFLED, 0.1, 1));
      cases.push(softmaxCase(rng, 'LOG_SOFTMAX', dtype, CLASSIFIER, 0.0234, 1));
    }
    cases.push(softmaxCase(rng, 'SOFTMAX', 'int16', SHUFFLED, 1 / 1024, 1));
    cases.push(softmaxCase(rng, 'SOFTMAX', 'int16', CLASSIFIER, 1 / 2048, 1));
    return cases;
  },
};
