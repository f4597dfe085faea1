/**
 * Float32 CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and RESIZE_BILINEAR bit for bit against LiteRT.js: the
 * order and precision of their sums (XNNPACK's, common/float_sum_order.ts: float32, bias first, four partial
 * sums for narrow outputs, depthwise taps column by column) and XNNPACK's bilinear coordinates and blend. Weights come both as float32 constants and as float16 through
 * DEQUANTIZE (as MediaPipe's models store them), with magnitudes spread over decades so that a sum in another
 * order or in double precision lands on another float.
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { convOptions, depthwiseOptions, fullyConnectedOptions, outSize, type Window } from '../options.js';
import { halfBits, i32, normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

type WeightForm = 'float32' | 'float16';

/** A weight tensor of `shape`: a float32 constant, or float16 bits dequantized by a DEQUANTIZE node. */
function weights(b: CaseBuilder, rng: Rng, shape: number[], form: WeightForm): number {
  const n = shape.reduce((a, d) => a * d, 1);
  if (form === 'float32') return b.constant({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const half = b.constant({ dtype: 'float16', shape }, halfBits(rng, n, 9, 16));
  const full = b.intermediate({ dtype: 'float32', shape });
  b.op(BuiltinOp.DEQUANTIZE, [half], [full], null, 3);
  return full;
}

/** Inputs spread over three decades: sums of such products are sensitive to order. */
function spreadFloats(rng: Rng, shape: readonly number[]): Float32Array {
  const x = normalFloats(rng, shape);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * 10 ** rng.uniform(-1.5, 1.5);
  return x;
}

function conv(rng: Rng, op: 'CONV_2D' | 'DEPTHWISE_CONV_2D', form: WeightForm, input: number[], k: number, outC: number, window: Window): DiffCase {
  const b = new CaseBuilder();
  const depthwise = op === 'DEPTHWISE_CONV_2D';
  const x = b.input({ dtype: 'float32', shape: input }, spreadFloats(rng, input));
  const w = weights(b, rng, depthwise ? [1, k, k, outC] : [outC, k, k, input[3]!], form);
  const bias = weights(b, rng, [outC], form);
  const out = [input[0]!, outSize(window.padding, input[1]!, k, window.stride[0]), outSize(window.padding, input[2]!, k, window.stride[1]), outC];
  const y = b.output({ dtype: 'float32', shape: out }, EXACT);
  const options = depthwise ? depthwiseOptions(window, outC / input[3]!) : convOptions(window);
  b.op(BuiltinOp[op], [x, w, bias], [y], options);
  return b.build(`${op} float32, ${form} weights, ${k}x${k} ${window.padding} stride ${window.stride.join('x')} [${input}] -> ${outC} ${window.activation ?? 'NONE'}`);
}

function dense(rng: Rng, form: WeightForm, batch: number, depth: number, units: number): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [batch, depth] }, spreadFloats(rng, [batch, depth]));
  const w = weights(b, rng, [units, depth], form);
  const bias = weights(b, rng, [units], form);
  const y = b.output({ dtype: 'float32', shape: [batch, units] }, EXACT);
  b.op(BuiltinOp.FULLY_CONNECTED, [x, w, bias], [y], fullyConnectedOptions(false));
  return b.build(`FULLY_CONNECTED float32, ${form} weights, [${batch},${depth}] -> ${units}`);
}

function resize(rng: Rng, from: number, to: number, mode: 'legacy' | 'align_corners' | 'half_pixel'): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [1, from, from, 3] }, spreadFloats(rng, [1, from, from, 3]));
  const size = b.constant({ dtype: 'int32', shape: [2] }, i32([to, to]));
  const y = b.output({ dtype: 'float32', shape: [1, to, to, 3] }, EXACT);
  const options = { kind: 'ResizeBilinearOptions', alignCorners: mode === 'align_corners', halfPixelCenters: mode === 'half_pixel' } as BuiltinOptions;
  b.op(BuiltinOp.RESIZE_BILINEAR, [x, size], [y], options, mode === 'half_pixel' ? 3 : 1);
  return b.build(`RESIZE_BILINEAR float32 ${from} -> ${to} ${mode}`);
}

/**
 * With float32 constant weights the SIMD kernels (kernels/wasm, another branch's files) take these nodes, and
 * they sum in one fixed order: they miss XNNPACK's four partial sums (narrow outputs) and its column-by-column
 * depthwise taps. Left as todos for that branch; the float16-weight forms run the reference kernels.
 */
const WASM_GEMM_ORDER = 'the SIMD float GEMM sums sequentially where XNNPACK keeps four partial sums (kernels/wasm)';
const WASM_DEPTHWISE_ORDER = 'the SIMD float depthwise sums taps row by row where XNNPACK goes column by column (kernels/wasm)';

function todoFor(form: WeightForm, reason: string): (c: DiffCase) => DiffCase {
  return (c) => (form === 'float32' ? { ...c, todo: reason } : c);
}

const SAME1: Window = { padding: 'SAME', stride: [1, 1] };
const SAME2: Window = { padding: 'SAME', stride: [2, 2], activation: 'RELU6' };

export const exactFloatOrderFamily: DiffFamily = {
  name: 'float32 sums and interpolation in LiteRT order, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 808);
    const cases: DiffCase[] = [];
    for (const form of ['float16', 'float32'] as const) {
      const gemmTodo = todoFor(form, WASM_GEMM_ORDER);
      cases.push(
        conv(rng, 'CONV_2D', form, [1, 9, 9, 3], 3, 8, SAME2),
        gemmTodo(conv(rng, 'CONV_2D', form, [1, 6, 7, 16], 1, 12, SAME1)),
        gemmTodo(conv(rng, 'CONV_2D', form, [2, 7, 6, 5], 3, 4, { padding: 'VALID', stride: [1, 2] })),
        conv(rng, 'CONV_2D', form, [1, 6, 6, 5], 3, 12, SAME1),
        todoFor(form, WASM_DEPTHWISE_ORDER)(conv(rng, 'DEPTHWISE_CONV_2D', form, [1, 8, 8, 8], 3, 8, SAME1)),
        conv(rng, 'DEPTHWISE_CONV_2D', form, [1, 9, 9, 4], 5, 8, SAME2),
        gemmTodo(dense(rng, form, 3, 64, 10)),
        dense(rng, form, 2, 40, 16),
      );
    }
    for (const mode of ['legacy', 'align_corners', 'half_pixel'] as const) cases.push(resize(rng, 7, 13, mode));
    cases.push(resize(rng, 16, 32, 'half_pixel'), resize(rng, 13, 6, 'half_pixel'));
    return cases;
  },
};
