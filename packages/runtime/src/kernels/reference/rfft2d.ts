/**
 * RFFT2D (float32 → complex64): the 2-D discrete Fourier transform of the two innermost dimensions of a real
 * input, as tf.signal.rfft2d: the input is cropped or zero-padded to fft_length [h, w] (an int32 pair
 * of powers of two, as TFLite requires; computed at run time, it makes the output dynamic), and the output
 * keeps the non-redundant half, [..., h, w/2 + 1].
 * Computed in double (as TFLite's Ooura FFT does) and rounded to float32 pairs.
 */
import { complexParts } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape } from '../../core/shape.js';
import { intValues } from '../common/const_values.js';
import { fftInPlace, isPowerOfTwo } from '../common/fft.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

interface Plan {
  readonly slices: number;
  readonly inH: number;
  readonly inW: number;
  readonly fftH: number;
  readonly fftW: number;
  /** Working rows: fftH × fftW in double (real, imaginary), then one column's worth. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly colRe: Float64Array;
  readonly colIm: Float64Array;
}

/** Buffers and sizes for the fft_length input's current values (at prepare, or at eval when computed). */
function planFor(node: NodeContext<null>): Plan {
  const input = node.inputs[0]!;
  const rank = input.shape.length;
  const [fftH, fftW] = intValues(node, node.inputs[1]!, 'fft_length') as [number, number];
  if (!isPowerOfTwo(fftH) || !isPowerOfTwo(fftW)) throw shapeError(node, `fft_length [${fftH}, ${fftW}] must be powers of two`);
  return {
    slices: input.shape.slice(0, rank - 2).reduce((a, d) => a * d, 1), inH: input.shape[rank - 2]!, inW: input.shape[rank - 1]!,
    fftH, fftW, re: new Float64Array(fftH * fftW), im: new Float64Array(fftH * fftW),
    colRe: new Float64Array(fftH), colIm: new Float64Array(fftH),
  };
}

const outputShape = (node: NodeContext<null>, p: Plan) => [...node.inputs[0]!.shape.slice(0, -2), p.fftH, p.fftW / 2 + 1];

export const RFFT2D_KERNEL: KernelRegistration<null, Plan | null> = {
  op: BuiltinOp.RFFT2D,
  name: 'RFFT2D (float32 → complex64, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const length = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32'], 'input');
    expectDType(node, length, ['int32'], 'fft_length');
    expectDType(node, output, ['complex64'], 'output');
    if (input.shape.length < 2) throw shapeError(node, `input ${formatShape(input.shape)} must have rank ≥ 2`);
    if (length.shape.length !== 1 || length.shape[0] !== 2) throw shapeError(node, `fft_length ${formatShape(length.shape)} must be [2]`);
    // fft_length computed at run time makes the output dynamic (as TFLite does); its buffers are made at eval.
    if (!length.isConstant) {
      node.markOutputDynamic(0);
      return null;
    }
    const p = planFor(node);
    output.shape = outputShape(node, p);
    return p;
  },
  eval(node, plan) {
    const p = plan ?? planFor(node);
    if (plan === null) node.resizeOutput(0, outputShape(node, p));
    const x = node.inputs[0]!.data as Float32Array;
    const out = complexParts(node.outputs[0]!.data);
    const { fftH, fftW, re, im, colRe, colIm } = p;
    const half = fftW / 2 + 1;
    const h = Math.min(p.inH, fftH), w = Math.min(p.inW, fftW);
    for (let s = 0; s < p.slices; s++) {
      re.fill(0);
      im.fill(0);
      const inBase = s * p.inH * p.inW;
      for (let y = 0; y < h; y++) for (let c = 0; c < w; c++) re[y * fftW + c] = x[inBase + y * p.inW + c]!;
      for (let y = 0; y < fftH; y++) fftInPlace(re.subarray(y * fftW, (y + 1) * fftW), im.subarray(y * fftW, (y + 1) * fftW), fftW);
      const outBase = s * fftH * half * 2;
      for (let c = 0; c < half; c++) {
        for (let y = 0; y < fftH; y++) {
          colRe[y] = re[y * fftW + c]!;
          colIm[y] = im[y * fftW + c]!;
        }
        fftInPlace(colRe, colIm, fftH);
        for (let y = 0; y < fftH; y++) {
          out[outBase + 2 * (y * half + c)] = colRe[y]!;
          out[outBase + 2 * (y * half + c) + 1] = colIm[y]!;
        }
      }
    }
  },
};
