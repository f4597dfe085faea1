/**
 * Quantized element-wise math as TFLite's builtin kernels compute it (LiteRT's XNNPACK delegate takes none
 * of these): ABS (int8; int16 with or without quantization) offsets, takes |x| and rescales only when the
 * scales differ; RSQRT int8 uses the fixed-point inverse square root; EXP and LOG (int8, int16) and RSQRT
 * int16 read lookup tables filled from the float32 function (TFLite's LUTPopulate: 256 entries for int8,
 * 513 interpolated ones for int16).
 */
import { UnsupportedError } from '../../core/errors.js';
import { intRange } from '../../core/dtype.js';
import { BuiltinOp, type BuiltinOpName } from '../../core/ops.js';
import { clamp, invSqrtQuantizedMultiplier, multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import { unsupported } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { prepareUnaryShape, unaryOf, type QArray } from './elementwise.js';
import { generateInt16Lut, lutLookup } from './int16_lut.js';
import { buildLookupTable } from './lookup_table.js';

const isQuantized = (t: RuntimeTensor | NodeSignature['inputs'][number]): boolean => (t?.quantization?.scale.length ?? 0) > 0;

/** Input and output scales and zero points; int16 must have zero points 0, as TFLite requires. */
function unaryQuantParams(node: NodeContext<null>): { input: RuntimeTensor; inScale: number; inZp: number; outScale: number; outZp: number } {
  const { input, output } = prepareUnaryShape(node);
  const inZp = tensorZeroPoint(input);
  const outZp = tensorZeroPoint(output);
  if (input.dtype === 'int16' && (inZp !== 0 || outZp !== 0)) throw unsupported(node, 'int16 needs zero points 0');
  return { input, inScale: requireScale(node, input), inZp, outScale: requireScale(node, output), outZp };
}

interface AbsData {
  /** null: same scales, no rescaling; or the input/output scale ratio (of the float32 quotient). */
  readonly rescale: { readonly multiplier: number; readonly shift: number } | null;
  readonly inZp: number;
  readonly outZp: number;
  readonly min: number;
  readonly max: number;
}

/** ABS int8 / int16 (quantized), and int16 without quantization (plain |x|, wrapping at −32768). */
export const ABS_QUANTIZED_KERNEL: KernelRegistration<null, AbsData | null> = {
  op: BuiltinOp.ABS,
  name: 'ABS (int8/int16, reference)',
  parseOptions: () => null,
  supports: (node) => unaryOf(['int8', 'int16'])(node) && (node.inputs[0]!.dtype === 'int16' || isQuantized(node.inputs[0])),
  prepare(node) {
    if (node.inputs[0]!.dtype === 'int16' && !isQuantized(node.inputs[0]!)) {
      prepareUnaryShape(node);
      return null;
    }
    const { input, inScale, inZp, outScale, outZp } = unaryQuantParams(node);
    const rescale = inScale === outScale ? null : quantizeMultiplier(Math.fround(inScale / outScale));
    return { rescale, inZp, outZp, ...intRange(input.dtype as 'int8' | 'int16') };
  },
  eval(node, d) {
    const x = node.inputs[0]!.data as QArray;
    const y = node.outputs[0]!.data as QArray;
    if (d === null) {
      for (let i = 0; i < x.length; i++) y[i] = Math.abs(x[i]!);
      return;
    }
    for (let i = 0; i < x.length; i++) {
      const v = Math.abs(x[i]! - d.inZp);
      const scaled = d.rescale === null ? v : multiplyByQuantizedMultiplier(v, d.rescale.multiplier, d.rescale.shift);
      y[i] = clamp(scaled + d.outZp, d.min, d.max);
    }
  },
};

interface RsqrtData {
  readonly multiplier: number;
  readonly shift: number;
  readonly inZp: number;
  readonly outZp: number;
}

/** Fixed-point headroom TFLite keeps between the two multiplications. */
const RSQRT_SHIFT = 20;

/** RSQRT int8: 1/√(x − zp) by GetInvSqrtQuantizedMultiplierExp, then 1/(√inScale · outScale); x = zp gives 127. */
export const RSQRT_INT8_KERNEL: KernelRegistration<null, RsqrtData> = {
  op: BuiltinOp.RSQRT,
  name: 'RSQRT (int8, reference)',
  parseOptions: () => null,
  supports: (node) => unaryOf(['int8'])(node) && isQuantized(node.inputs[0]),
  prepare(node) {
    const { inScale, inZp, outScale, outZp } = unaryQuantParams(node);
    const { multiplier, shift } = quantizeMultiplier(1 / Math.fround(Math.fround(Math.sqrt(inScale)) * outScale));
    return { multiplier, shift, inZp, outZp };
  },
  eval(node, d) {
    const x = node.inputs[0]!.data as Int8Array;
    const y = node.outputs[0]!.data as Int8Array;
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < d.inZp) throw new UnsupportedError('RSQRT: defined for non-negative inputs only');
    }
    for (let i = 0; i < x.length; i++) {
      const v = x[i]! - d.inZp;
      if (v === 0) {
        y[i] = 127;
        continue;
      }
      const inv = invSqrtQuantizedMultiplier(v, -1);
      const data = multiplyByQuantizedMultiplier(1, inv.multiplier, inv.shift + RSQRT_SHIFT);
      y[i] = clamp(multiplyByQuantizedMultiplier(data, d.multiplier, d.shift - RSQRT_SHIFT) + d.outZp, -128, 127);
    }
  },
};

interface LutData {
  readonly dtype: 'int8' | 'int16';
  readonly table: Int16Array;
}

/** The float32 function a table is filled from, given the output's quantization (for LOG's and RSQRT's edges). */
type LutFunction = (outScale: number, outZp: number, dtype: 'int8' | 'int16') => (x: number) => number;

function lutKernel(
  op: BuiltinOpName, dtypes: readonly ('int8' | 'int16')[], fn: LutFunction, nonNegative = false,
): KernelRegistration<null, LutData> {
  return {
    op: BuiltinOp[op],
    name: `${op} (${dtypes.join('/')}, lookup table)`,
    parseOptions: () => null,
    supports: (node) => unaryOf(dtypes)(node) && isQuantized(node.inputs[0]),
    prepare(node) {
      const { input, inScale, inZp, outScale, outZp } = unaryQuantParams(node);
      const dtype = input.dtype as 'int8' | 'int16';
      const f = fn(outScale, outZp, dtype);
      if (dtype === 'int8') return { dtype, table: buildLookupTable('int8', inScale, inZp, outScale, outZp, f) };
      const at = (q: number, scale: number): number => Math.fround(scale * q);
      return { dtype, table: generateInt16Lut(f, at(-32768, inScale), at(32767, inScale), at(-32768, outScale), at(32767, outScale)) };
    },
    eval(node, d) {
      const x = node.inputs[0]!.data as Int8Array | Int16Array;
      const y = node.outputs[0]!.data as Int8Array | Int16Array;
      if (nonNegative && x.some((v) => v < 0)) throw new UnsupportedError(`${op}: defined for non-negative inputs only`);
      if (d.dtype === 'int8') for (let i = 0; i < x.length; i++) y[i] = d.table[x[i]! + 128]!;
      else for (let i = 0; i < x.length; i++) y[i] = lutLookup(x[i]!, d.table);
    },
  };
}

export const EXP_QUANTIZED_KERNEL = lutKernel('EXP', ['int8', 'int16'], () => (x) => Math.exp(x));

/** log x, and the output's lowest value for x ≤ 0. */
export const LOG_QUANTIZED_KERNEL = lutKernel('LOG', ['int8', 'int16'], (outScale, outZp, dtype) => {
  const lowest = Math.fround((intRange(dtype).min - outZp) * outScale);
  return (x) => (x <= 0 ? lowest : Math.log(x));
});

/** 1/√x in float32, and the output's highest value for x ≤ 0; negative inputs (zero point 0) are refused. */
export const RSQRT_INT16_KERNEL = lutKernel('RSQRT', ['int16'], (outScale) => {
  const highest = Math.fround(32767 * outScale);
  return (x) => (x <= 0 ? highest : Math.fround(1 / Math.fround(Math.sqrt(x))));
}, true);
