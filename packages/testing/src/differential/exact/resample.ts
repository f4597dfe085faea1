/**
 * Quantized ops that interpolate, rescale or normalise, bit for bit against LiteRT.js: RESIZE_BILINEAR
 * (legacy, align_corners, half_pixel_centers; up and down), RESIZE_NEAREST_NEIGHBOR, CONCATENATION of inputs
 * with their own scales, L2_NORMALIZATION, PAD / PADV2 (zero point and explicit constant), PRELU and
 * TRANSPOSE_CONV, on int8 and uint8 tensors of every code.
 */
import {
  allocTyped,
  BuiltinOp,
  intRange,
  type BuiltinOptions,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, randomInts, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { centred, shuffledCodes } from './codes.js';

type Q8 = Extract<QuantDType, 'int8' | 'uint8'>;
const Q8S: readonly Q8[] = ['uint8', 'int8'];
const v2 = (d: Q8): number => (d === 'int8' ? 2 : 1);

/** `n` codes: every code, shuffled, repeated and cut to length. */
function codes(rng: Rng, dtype: Q8, n: number): TypedArray {
  const all = shuffledCodes(rng, dtype, Math.ceil(n / 256));
  return all.slice(0, n);
}

type ResizeMode = 'legacy' | 'align_corners' | 'half_pixel';

function resize(rng: Rng, op: 'RESIZE_BILINEAR' | 'RESIZE_NEAREST_NEIGHBOR', dtype: Q8, from: [number, number], to: [number, number], mode: ResizeMode): DiffCase {
  const b = new CaseBuilder();
  const q = centred(dtype, 0.05);
  const shape = [1, ...from, 3];
  const x = b.input({ dtype, shape, quantization: q }, codes(rng, dtype, from[0] * from[1] * 3));
  const size = b.constant({ dtype: 'int32', shape: [2] }, i32(to));
  const y = b.output({ dtype, shape: [1, ...to, 3], quantization: q }, EXACT);
  const kind = op === 'RESIZE_BILINEAR' ? 'ResizeBilinearOptions' : 'ResizeNearestNeighborOptions';
  const options = { kind, alignCorners: mode === 'align_corners', halfPixelCenters: mode === 'half_pixel' } as BuiltinOptions;
  b.op(BuiltinOp[op], [x, size], [y], options, mode === 'legacy' ? v2(dtype) : 3);
  return b.build(`${op} ${dtype} ${from.join('x')} -> ${to.join('x')} ${mode}`);
}

function concatRescaled(rng: Rng, dtype: Q8, sameAsOutput: boolean): DiffCase {
  const b = new CaseBuilder();
  const outQ = perTensor(0.06, intRange(dtype).min + 100);
  const params = sameAsOutput ? [outQ, outQ] : [perTensor(0.0213, outQ.zeroPoint[0] - 9), perTensor(0.5 * 0.06, outQ.zeroPoint[0] + 17)];
  const xs = params.map((q) => b.input({ dtype, shape: [4, 256], quantization: q }, codes(rng, dtype, 1024)));
  const y = b.output({ dtype, shape: [4, 512], quantization: outQ }, EXACT);
  b.op(BuiltinOp.CONCATENATION, xs, [y], { kind: 'ConcatenationOptions', axis: 1, fusedActivation: 'NONE' }, v2(dtype));
  return b.build(`CONCATENATION ${dtype} ${sameAsOutput ? 'inputs sharing the output parameters' : 'inputs rescaled (ratio 0.355 and 1/2)'}`);
}

/** Rows of 16 codes, or one long row whose sum of squares passes 2^29 (the inverse square root's prescaling). */
function l2Normalization(rng: Rng, dtype: Q8, shape: [number, number]): DiffCase {
  const b = new CaseBuilder();
  const n = shape[0] * shape[1];
  const data = codes(rng, dtype, n);
  if (shape[1] > 256) {
    // Mostly the two extremes: Σd² ≈ n·128², past 2^29 for n = 40000.
    const { min, max } = intRange(dtype);
    for (let i = 0; i < n; i++) if (i % 17 !== 0) data[i] = i % 2 ? min : max;
  }
  const x = b.input({ dtype, shape, quantization: centred(dtype, 0.03) }, data);
  const y = b.output({ dtype, shape, quantization: perTensor(1 / 128, dtype === 'int8' ? 0 : 128) }, EXACT);
  b.op(BuiltinOp.L2_NORMALIZATION, [x], [y], null, v2(dtype));
  return b.build(`L2_NORMALIZATION ${dtype} rows of ${shape[1]} codes`);
}

function pad(rng: Rng, dtype: Q8, constant: number | null): DiffCase {
  const b = new CaseBuilder();
  const q = centred(dtype, 0.05);
  const x = b.input({ dtype, shape: [1, 4, 4, 3], quantization: q }, codes(rng, dtype, 48));
  const paddings = b.constant({ dtype: 'int32', shape: [4, 2] }, i32([0, 0, 1, 2, 2, 0, 0, 1]));
  const inputs = [x, paddings];
  if (constant !== null) {
    const c = allocTyped(dtype, 1);
    c[0] = constant;
    inputs.push(b.constant({ dtype, shape: [1], quantization: q }, c));
  }
  const y = b.output({ dtype, shape: [1, 7, 6, 4], quantization: q }, EXACT);
  b.op(constant === null ? BuiltinOp.PAD : BuiltinOp.PADV2, inputs, [y], null, v2(dtype));
  return b.build(`${constant === null ? 'PAD' : `PADV2 (constant ${constant})`} ${dtype}`);
}

function prelu(rng: Rng, dtype: Q8): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape: [1, 16, 16, 4], quantization: centred(dtype, 0.05) }, codes(rng, dtype, 1024));
  const alphaQ = perTensor(1 / 256, dtype === 'int8' ? 0 : 128);
  const alpha = b.constant({ dtype, shape: [1, 1, 4], quantization: alphaQ }, randomInts(rng, dtype, [4]));
  const y = b.output({ dtype, shape: [1, 16, 16, 4], quantization: centred(dtype, 0.04) }, EXACT);
  b.op(BuiltinOp.PRELU, [x, alpha], [y]);
  return b.build(`PRELU ${dtype} every code, per-channel alpha`);
}

function transposeConv(rng: Rng, dtype: Q8): DiffCase {
  const b = new CaseBuilder();
  const shape = b.constant({ dtype: 'int32', shape: [4] }, i32([1, 9, 9, 2]));
  const wQ = dtype === 'uint8' ? perTensor(0.25, 100) : perTensor(0.25, 0);
  const weights = randomInts(rng, dtype, [2, 3, 3, 4], dtype === 'uint8' ? 90 : -10, dtype === 'uint8' ? 110 : 10);
  const w = b.constant({ dtype, shape: [2, 3, 3, 4], quantization: wQ }, weights);
  const x = b.input({ dtype, shape: [1, 5, 5, 4], quantization: centred(dtype, 0.5) }, codes(rng, dtype, 100));
  const y = b.output({ dtype, shape: [1, 9, 9, 2], quantization: centred(dtype, 0.25) }, EXACT);
  b.op(BuiltinOp.TRANSPOSE_CONV, [shape, w, x], [y], { kind: 'TransposeConvOptions', padding: 'SAME', strideH: 2, strideW: 2, fusedActivation: 'NONE' } as BuiltinOptions, 2);
  return b.build(`TRANSPOSE_CONV ${dtype} stride 2, power-of-two scales`);
}

export const exactResampleFamily: DiffFamily = {
  name: 'quantized resize, concatenation, normalisation, padding, PRELU and TRANSPOSE_CONV, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 606);
    const cases: DiffCase[] = [];
    for (const dtype of Q8S) {
      for (const mode of ['legacy', 'align_corners', 'half_pixel'] as const) {
        cases.push(resize(rng, 'RESIZE_BILINEAR', dtype, [5, 7], [9, 13], mode));
        cases.push(resize(rng, 'RESIZE_NEAREST_NEIGHBOR', dtype, [5, 7], [9, 13], mode));
      }
      cases.push(resize(rng, 'RESIZE_BILINEAR', dtype, [9, 12], [4, 5], 'half_pixel'));
      // LiteRT.js refuses int8 inputs with their own scales (its XNNPACK delegate fails on the node).
      if (dtype === 'uint8') cases.push(concatRescaled(rng, dtype, false));
      cases.push(concatRescaled(rng, dtype, true));
      cases.push(l2Normalization(rng, dtype, [64, 16]), l2Normalization(rng, dtype, [1, 40000]));
      cases.push(pad(rng, dtype, null), pad(rng, dtype, dtype === 'int8' ? -77 : 201));
      cases.push(prelu(rng, dtype), transposeConv(rng, dtype));
    }
    return cases;
  },
};
