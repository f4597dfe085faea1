/** FULLY_CONNECTED (keep_num_dims, bias, activation) and BATCH_MATMUL (adjoints, batch broadcasting), float32. */
import { BuiltinOp, type FusedActivation } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { fullyConnectedOptions } from '../options.js';
import { normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

interface FcSpec {
  readonly input: readonly number[];
  readonly units: number;
  readonly keepNumDims: boolean;
  readonly activation: FusedActivation;
  /** Weights fed as a subgraph input instead of a constant. */
  readonly dynamicWeights?: boolean;
  /** No bias: FULLY_CONNECTED marks the omitted input with -1. */
  readonly noBias?: boolean;
}

function fullyConnected(rng: Rng, s: FcSpec): DiffCase {
  const b = new CaseBuilder();
  const depth = s.input[s.input.length - 1];
  const input = b.input({ dtype: 'float32', shape: s.input }, normalFloats(rng, s.input));
  const wShape = [s.units, depth];
  const wData = normalFloats(rng, wShape, 0.5);
  const weights = s.dynamicWeights ? b.input({ dtype: 'float32', shape: wShape }, wData) : b.constant({ dtype: 'float32', shape: wShape }, wData);
  const bias = s.noBias ? -1 : b.constant({ dtype: 'float32', shape: [s.units] }, normalFloats(rng, [s.units]));
  const rows = s.input.slice(0, -1).reduce((a, d) => a * d, 1);
  const outShape = s.keepNumDims ? [...s.input.slice(0, -1), s.units] : [rows, s.units];
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.FULLY_CONNECTED, [input, weights, bias], [out], fullyConnectedOptions(s.keepNumDims, s.activation));
  const how = `${s.keepNumDims ? 'keep_num_dims' : 'flattened'}${s.dynamicWeights ? ', weights as input' : ''}${s.noBias ? ', no bias' : ''}`;
  return b.build(`FULLY_CONNECTED [${s.input}] x ${s.units} units ${how} ${s.activation}`);
}

interface MatMulSpec {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly adjX: boolean;
  readonly adjY: boolean;
  readonly constantY: boolean;
}

/** Broadcast batch dims of the two operands followed by [M, N]. */
function matMulShape(s: MatMulSpec): number[] {
  const m = s.adjX ? s.x[s.x.length - 1] : s.x[s.x.length - 2];
  const n = s.adjY ? s.y[s.y.length - 2] : s.y[s.y.length - 1];
  const bx = s.x.slice(0, -2);
  const by = s.y.slice(0, -2);
  const rank = Math.max(bx.length, by.length);
  const batch = Array.from({ length: rank }, (_, i) => {
    const dx = bx[bx.length - rank + i] ?? 1;
    const dy = by[by.length - rank + i] ?? 1;
    return Math.max(dx, dy);
  });
  return [...batch, m, n];
}

function batchMatMul(rng: Rng, s: MatMulSpec): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: s.x }, normalFloats(rng, s.x));
  const yData = normalFloats(rng, s.y);
  const y = s.constantY ? b.constant({ dtype: 'float32', shape: s.y }, yData) : b.input({ dtype: 'float32', shape: s.y }, yData);
  const out = b.output({ dtype: 'float32', shape: matMulShape(s) });
  b.op(BuiltinOp.BATCH_MATMUL, [x, y], [out], { kind: 'BatchMatMulOptions', adjX: s.adjX, adjY: s.adjY, asymmetricQuantizeInputs: false });
  return b.build(`BATCH_MATMUL [${s.x}] x [${s.y}]${s.adjX ? ' adj_x' : ''}${s.adjY ? ' adj_y' : ''}${s.constantY ? ' constant y' : ''}`);
}

const FCS: FcSpec[] = [
  { input: [1, 16], units: 10, keepNumDims: false, activation: 'NONE' },
  { input: [3, 7], units: 5, keepNumDims: false, activation: 'RELU' },
  { input: [2, 3, 6], units: 4, keepNumDims: true, activation: 'RELU6' },
  { input: [2, 3, 6], units: 4, keepNumDims: false, activation: 'NONE' },
  { input: [4, 9], units: 3, keepNumDims: false, activation: 'RELU_N1_TO_1', dynamicWeights: true },
  { input: [2, 5], units: 3, keepNumDims: false, activation: 'NONE', noBias: true },
];

const MATMULS: MatMulSpec[] = [
  { x: [2, 3, 4], y: [2, 4, 5], adjX: false, adjY: false, constantY: false },
  { x: [2, 4, 3], y: [2, 5, 4], adjX: true, adjY: true, constantY: false },
  { x: [3, 2, 4], y: [4, 6], adjX: false, adjY: false, constantY: true },
  { x: [2, 1, 3, 4], y: [1, 3, 4, 2], adjX: false, adjY: false, constantY: false },
];

export const floatDenseFamily: DiffFamily = {
  name: 'FULLY_CONNECTED / BATCH_MATMUL float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 2);
    return [...FCS.map((s) => fullyConnected(rng, s)), ...MATMULS.map((s) => batchMatMul(rng, s))];
  },
};
