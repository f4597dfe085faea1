/**
 * Pools and reductions on quantized tensors, bit for bit against LiteRT.js: AVERAGE_POOL_2D whose window
 * sums land on halves of the tap count (rounding of ties, both signs), MAX_POOL_2D with a fused RELU6
 * bound on a half, and MEAN / SUM / REDUCE_MAX / REDUCE_MIN over every code with output parameters that
 * differ from the input's (requantization of the sum) and that match it.
 */
import { BuiltinOp, type FusedActivation, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, type QuantDType } from '../random_data.js';
import { poolOptions, type Window } from '../options.js';
import { Rng } from '../rng.js';
import { centred, shuffledCodes } from './codes.js';

type Q8 = Extract<QuantDType, 'int8' | 'uint8'>;
const Q8S: readonly Q8[] = ['uint8', 'int8'];

function poolCase(rng: Rng, op: 'AVERAGE_POOL_2D' | 'MAX_POOL_2D', dtype: Q8, w: Window, filter: [number, number], q: QuantizationParams, act: FusedActivation): DiffCase {
  const shape = [1, 8, 8, 4];
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape, quantization: q }, shuffledCodes(rng, dtype, 1));
  const outHW = [0, 1].map((a) =>
    w.padding === 'SAME' ? Math.ceil(shape[1 + a] / w.stride[a]) : Math.ceil((shape[1 + a] - filter[a] + 1) / w.stride[a]));
  const y = b.output({ dtype, shape: [1, ...outHW, 4], quantization: q }, EXACT);
  b.op(BuiltinOp[op], [x], [y], poolOptions({ ...w, activation: act }, filter), dtype === 'int8' ? 2 : 1);
  return b.build(`${op} ${dtype} ${filter.join('x')} ${w.padding} stride ${w.stride.join('x')} ${act}, scale ${q.scale[0]}`);
}

function reduceCase(
  rng: Rng, op: 'MEAN' | 'SUM' | 'REDUCE_MAX' | 'REDUCE_MIN', dtype: QuantDType, shape: number[], axes: number[], keepDims: boolean,
  inQ: QuantizationParams, outQ: QuantizationParams, version: number,
): DiffCase {
  const b = new CaseBuilder();
  const times = shape.reduce((a, d) => a * d, 1) / (dtype === 'int16' ? 1024 : 256);
  const x = b.input({ dtype, shape, quantization: inQ }, shuffledCodes(rng, dtype, times));
  const axesT = b.constant({ dtype: 'int32', shape: [axes.length] }, i32(axes));
  const outShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
  const y = b.output({ dtype, shape: outShape, quantization: outQ }, EXACT);
  b.op(BuiltinOp[op], [x, axesT], [y], { kind: 'ReducerOptions', keepDims }, version);
  const same = inQ.scale[0] === outQ.scale[0] && inQ.zeroPoint[0] === outQ.zeroPoint[0];
  return b.build(`${op} ${dtype} [${shape}] axes [${axes}]${keepDims ? ' keep_dims' : ''}, ${same ? 'same parameters' : 'rescaled'}`);
}

function poolCases(rng: Rng): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const dtype of Q8S) {
    const q = centred(dtype, 0.05);
    // 2×2 and 4×2 windows: sums meet every residue of the tap count, halves included, on both signs.
    cases.push(poolCase(rng, 'AVERAGE_POOL_2D', dtype, { padding: 'VALID', stride: [2, 2] }, [2, 2], q, 'NONE'));
    cases.push(poolCase(rng, 'AVERAGE_POOL_2D', dtype, { padding: 'SAME', stride: [1, 1] }, [4, 2], q, 'RELU6'));
    cases.push(poolCase(rng, 'AVERAGE_POOL_2D', dtype, { padding: 'SAME', stride: [2, 3] }, [3, 3], q, 'NONE'));
    // Output scale 4: RELU6's upper bound 6 / 4 = 1.5 steps above the zero point.
    cases.push(poolCase(rng, 'MAX_POOL_2D', dtype, { padding: 'SAME', stride: [2, 2] }, [3, 3], centred(dtype, 4), 'RELU6'));
    cases.push(poolCase(rng, 'MAX_POOL_2D', dtype, { padding: 'VALID', stride: [1, 1] }, [2, 2], q, 'RELU_N1_TO_1'));
  }
  return cases;
}

function reduceCases(rng: Rng): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const dtype of Q8S) {
    const inQ = centred(dtype, 0.03);
    const outQ = perTensor(0.0171, inQ.zeroPoint[0] - 9);
    const v = dtype === 'int8' ? 2 : 1;
    cases.push(reduceCase(rng, 'MEAN', dtype, [1, 4, 4, 16], [1, 2], true, inQ, outQ, v));
    cases.push(reduceCase(rng, 'MEAN', dtype, [2, 8, 16], [2], false, inQ, inQ, v));
    cases.push(reduceCase(rng, 'SUM', dtype, [1, 4, 4, 16], [1, 2], true, inQ, perTensor(0.21, inQ.zeroPoint[0] + 3), v));
    cases.push(reduceCase(rng, 'SUM', dtype, [4, 8, 8], [2], false, inQ, perTensor(0.0625, inQ.zeroPoint[0]), v));
    cases.push(reduceCase(rng, 'SUM', dtype, [4, 8, 8], [1], false, inQ, inQ, v));
    cases.push(reduceCase(rng, 'REDUCE_MAX', dtype, [4, 8, 8], [1], false, inQ, inQ, v));
    cases.push(reduceCase(rng, 'REDUCE_MIN', dtype, [4, 8, 8], [0, 2], true, inQ, inQ, v));
  }
  const q16 = perTensor(1 / 1024, 0);
  cases.push(reduceCase(rng, 'MEAN', 'int16', [1, 4, 4, 64], [1, 2], true, q16, perTensor(1 / 2048, 0), 3));
  // TFLite's int16 SUM needs the output's parameters equal to the input's (and adds with wrap-around).
  cases.push(reduceCase(rng, 'SUM', 'int16', [4, 16, 16], [2], false, q16, q16, 1));
  return cases;
}

export const exactPoolReduceFamily: DiffFamily = {
  name: 'quantized pools and reductions, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 303);
    return [...poolCases(rng), ...reduceCases(rng)];
  },
};
