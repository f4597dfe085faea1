/**
 * QUANTIZE (TFLite quantize.cc): float32 → int8/uint8/int16 as round(x / scale) + zero_point, half away from
 * zero and clamped (the division in double per tensor, in float32 per channel along quantized_dimension), and
 * requantization between integer types (int8, uint8, int16, int32) with the multiplier in_scale / out_scale.
 * The 'xnnpack' variant is what LiteRT's default delegate computes for the nodes it takes: float32 →
 * int8/uint8 per tensor as x · (1 / scale) in float32 rounded half to even (ties differ from TFLite's by one step), and int8→int8 /
 * uint8→uint8 with a scale ratio in [2^-8, 2^7] by the Q8 multiplier rint(256·ratio) and one half-up
 * rounding shift by 8.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { requireInput, requireOutput, unsupported } from '../common/node_checks.js';
import { quantizeMultiplier, requireScale, roundHalfAway, roundHalfEven, tensorZeroPoint } from '../common/quantization.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { isPerTensorByte } from './xnnpack_delegation.js';

type IntOut = 'int8' | 'uint8' | 'int16' | 'int32';
type IntArray = Int8Array | Uint8Array | Int16Array | Int32Array;

export type QuantizeData =
  | {
      readonly kind: 'affine';
      /** Per-channel scale/zero point (one entry when per-tensor), as float32 values. */
      readonly scales: Float32Array;
      readonly zeroPoints: Int32Array;
      /** Elements per channel step (product of axes after the quantized one) and channel count. */
      readonly inner: number;
      readonly channels: number;
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly kind: 'requantize';
      readonly multiplier: number;
      readonly shift: number;
      readonly inZeroPoint: number;
      readonly outZeroPoint: number;
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly kind: 'xnnpack-float';
      /** float32 1 / scale. */
      readonly inverseScale: number;
      readonly zeroPoint: number;
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly kind: 'xnnpack';
      readonly multiplier: number;
      readonly bias: number;
      readonly min: number;
      readonly max: number;
    };

const INT_TYPES = ['int8', 'uint8', 'int16', 'int32'];

export function isQuantizeNode(node: NodeSignature): boolean {
  const i = node.inputs[0]?.dtype;
  const o = node.outputs[0]?.dtype;
  if (i === undefined || o === undefined || !INT_TYPES.includes(o)) return false;
  return i === 'float32' || INT_TYPES.includes(i);
}

function prepare(node: NodeContext<null>, mode: 'reference' | 'xnnpack'): QuantizeData {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  output.shape = [...input.shape];
  const range = intRange(output.dtype as IntOut);
  const q = output.quantization;
  if (!q || q.scale.length === 0) throw unsupported(node, `output '${output.name}' has no quantization`);
  if (input.dtype === 'float32') {
    if (mode === 'xnnpack' && (output.dtype === 'int8' || output.dtype === 'uint8') && isPerTensorByte(output)) {
      const inverseScale = Math.fround(1 / Math.fround(q.scale[0]!));
      return { kind: 'xnnpack-float', inverseScale, zeroPoint: tensorZeroPoint(output), min: range.min, max: range.max };
    }
    let inner = 1;
    const channels = q.scale.length;
    if (channels > 1) {
      const axis = q.quantizedDimension;
      if (input.shape[axis] !== channels) throw unsupported(node, `${channels} scales for axis ${axis} of [${input.shape.join(',')}]`);
      for (let a = axis + 1; a < input.shape.length; a++) inner *= input.shape[a]!;
    }
    return {
      kind: 'affine', scales: Float32Array.from(q.scale), zeroPoints: Int32Array.from(q.zeroPoint.length ? q.zeroPoint : [0]),
      inner, channels, min: range.min, max: range.max,
    };
  }
  const ratio = Math.fround(requireScale(node, input) / requireScale(node, output));
  const sameByteType = input.dtype === output.dtype && (input.dtype === 'int8' || input.dtype === 'uint8');
  if (mode === 'xnnpack' && sameByteType && ratio >= 2 ** -8 && ratio <= 2 ** 7) {
    const multiplier = roundHalfEven(Math.fround(256 * ratio));
    const bias = tensorZeroPoint(output) * 256 + 128 - multiplier * tensorZeroPoint(input);
    return { kind: 'xnnpack', multiplier, bias, min: range.min, max: range.max };
  }
  const { multiplier, shift } = quantizeMultiplier(requireScale(node, input) / requireScale(node, output));
  return {
    kind: 'requantize', multiplier, shift, inZeroPoint: tensorZeroPoint(input), outZeroPoint: tensorZeroPoint(output),
    min: range.min, max: range.max,
  };
}

/**
 * float → int, rounded half away from zero: per tensor, x / scale in double precision (TFLite keeps the scale
 * of its per-tensor parameters as a double); per channel, in float32 (those scales are floats).
 */
export function affineQuantize(input: Float32Array, output: IntArray, d: Extract<QuantizeData, { kind: 'affine' }>): void {
  const { scales, zeroPoints, inner, channels, min, max } = d;
  if (channels === 1) {
    const scale = scales[0]!;
    const zp = zeroPoints[0]!;
    for (let i = 0; i < input.length; i++) {
      const v = roundHalfAway(input[i]! / scale) + zp;
      output[i] = v < min ? min : v > max ? max : v;
    }
    return;
  }
  for (let i = 0; i < input.length; i++) {
    const c = Math.floor(i / inner) % channels;
    const v = roundHalfAway(Math.fround(input[i]! / scales[c]!)) + zeroPoints[zeroPoints.length === 1 ? 0 : c]!;
    output[i] = v < min ? min : v > max ? max : v;
  }
}

/** XNNPACK's float → int8/uint8: x · (1 / scale) in float32, rounded half to even, plus the zero point. */
export function quantizeXnnpack(input: Float32Array, output: IntArray, d: Extract<QuantizeData, { kind: 'xnnpack-float' }>): void {
  const { inverseScale, zeroPoint, min, max } = d;
  for (let i = 0; i < input.length; i++) {
    const v = roundHalfEven(Math.fround(input[i]! * inverseScale)) + zeroPoint;
    output[i] = v < min ? min : v > max ? max : v;
  }
}

/** int → int: (x − zp_in) scaled by the quantized multiplier, plus zp_out, clamped to the output type. */
export function requantize(input: IntArray, output: IntArray, d: Extract<QuantizeData, { kind: 'requantize' }>): void {
  const { multiplier, shift, inZeroPoint, outZeroPoint, min, max } = d;
  for (let i = 0; i < input.length; i++) {
    const v = multiplyByQuantizedMultiplier((input[i]! - inZeroPoint) | 0, multiplier, shift) + outZeroPoint;
    output[i] = v < min ? min : v > max ? max : v;
  }
}

/** XNNPACK's 8-bit requantization: (bias + x·multiplier) >> 8, clamped. */
export function requantizeXnnpack(input: Int8Array | Uint8Array, output: Int8Array | Uint8Array, d: Extract<QuantizeData, { kind: 'xnnpack' }>): void {
  for (let i = 0; i < input.length; i++) {
    const v = (d.bias + input[i]! * d.multiplier) >> 8;
    output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
  }
}

function quantizeKernel(mode: 'reference' | 'xnnpack'): KernelRegistration<null, QuantizeData> {
  return {
    op: BuiltinOp.QUANTIZE,
    name: mode === 'xnnpack'
      ? 'QUANTIZE (XNNPACK arithmetic for int8/uint8)'
      : 'QUANTIZE (float32/int → int8/uint8/int16/int32, reference)',
    parseOptions: () => null,
    supports: isQuantizeNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => {
      const out = node.outputs[0]!.data as IntArray;
      if (d.kind === 'affine') affineQuantize(node.inputs[0]!.data as Float32Array, out, d);
      else if (d.kind === 'xnnpack-float') quantizeXnnpack(node.inputs[0]!.data as Float32Array, out, d);
      else if (d.kind === 'xnnpack') requantizeXnnpack(node.inputs[0]!.data as Int8Array, out as Int8Array, d);
      else requantize(node.inputs[0]!.data as IntArray, out, d);
    },
  };
}

/** TFLite's builtin (reference) arithmetic. */
export const QUANTIZE_KERNEL = quantizeKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (float → 8-bit, and 8-bit requantization). */
export const QUANTIZE_XNNPACK_KERNEL = quantizeKernel('xnnpack');
