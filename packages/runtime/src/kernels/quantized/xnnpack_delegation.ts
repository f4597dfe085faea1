/**
 * Which quantized nodes LiteRT's default XNNPACK delegate takes (its per-op checks in xnnpack_delegate.cc),
 * and the one piece of its arithmetic every taken op shares: fused-activation bounds quantized in float32
 * and rounded half to even (XNNPACK's xnn_qs8/qu8_quantize), where TFLite's builtin kernels round half away
 * from zero. A node the delegate declines runs on TFLite's builtin kernels, whose integer arithmetic
 * differs (gemmlowp fixed point), so the kernels here pick their arithmetic with these predicates.
 *
 * The delegate's 8-bit rules: int8 and uint8 activations with one scale and zero point (quantized dimension
 * 0); int8 weights per-tensor or per-channel along the op's output axis; uint8 weights per-tensor; int32
 * bias; weights and bias constant. (int8 weights with non-zero zero points, outside TFLite's spec and
 * refused by both engines, are left on the XNNPACK arithmetic.)
 */
import { intRange } from '../../core/dtype.js';
import { UnsupportedError } from '../../core/errors.js';
import type { FusedActivation } from '../../core/options.js';
import { roundHalfEven } from '../common/quantization.js';
import type { NodeSignature, RuntimeTensor } from '../kernel.js';

type Byte = 'int8' | 'uint8';

function isByteType(t: RuntimeTensor | null | undefined): t is RuntimeTensor & { dtype: Byte } {
  return !!t && (t.dtype === 'int8' || t.dtype === 'uint8');
}

function positiveNormal(s: number): boolean {
  return s > 0 && s >= 2 ** -126 && Number.isFinite(s);
}

/** One scale and zero point, quantized dimension 0 (the delegate's check on every 8-bit activation). */
export function isPerTensorByte(t: RuntimeTensor | null | undefined): boolean {
  const q = t?.quantization;
  return isByteType(t) && !!q && q.scale.length === 1 && q.zeroPoint.length <= 1 && q.quantizedDimension === 0 &&
    positiveNormal(q.scale[0]!);
}

/** Constant 8-bit weights the delegate accepts for an op quantized per channel along `axis`. */
function isDelegatedWeight(t: RuntimeTensor | null | undefined, dtype: Byte, axis: number): boolean {
  const q = t?.quantization;
  if (!t || t.dtype !== dtype || !t.isConstant || !q || q.scale.length === 0 || !q.scale.every(positiveNormal)) return false;
  if (dtype === 'uint8') return isPerTensorByte(t);
  return q.scale.length === 1 || (q.quantizedDimension === axis && q.scale.length === t.shape[axis]);
}

function isDelegatedBias(t: RuntimeTensor | null | undefined): boolean {
  return !!t && t.dtype === 'int32' && t.isConstant && (t.quantization?.quantizedDimension ?? 0) === 0;
}

/** The delegate declines CONV_2D and FULLY_CONNECTED nodes whose input·filter/output scale is 256 or more. */
function requantizationScaleBelow256(input: RuntimeTensor, filter: RuntimeTensor, output: RuntimeTensor): boolean {
  const f = Math.fround;
  return f(f(input.quantization!.scale[0]! * filter.quantization!.scale[0]!) / output.quantization!.scale[0]!) < 256;
}

/** The delegate maps the clamp activations to an output range and declines TANH / SIGN_BIT fusions. */
function hasClampActivation(node: NodeSignature): boolean {
  const options = node.options as { readonly fusedActivation?: FusedActivation } | null;
  const act = options?.fusedActivation ?? 'NONE';
  return act === 'NONE' || act === 'RELU' || act === 'RELU6' || act === 'RELU_N1_TO_1';
}

/** input, filter, output of one 8-bit type, each in the form the delegate accepts. */
function delegatedTensors(node: NodeSignature, axis: number): boolean {
  if (!hasClampActivation(node)) return false;
  const [input, filter] = node.inputs;
  const output = node.outputs[0];
  if (!isPerTensorByte(input) || !isPerTensorByte(output) || output!.dtype !== input!.dtype) return false;
  return isDelegatedWeight(filter, input!.dtype as Byte, axis);
}

/** An absent bias (TFLite refuses a quantized CONV_2D without one, so there is no other arithmetic to follow). */
function absentOrDelegatedBias(t: RuntimeTensor | null | undefined): boolean {
  return !t || isDelegatedBias(t);
}

export function xnnpackTakesConv2D(node: NodeSignature): boolean {
  return delegatedTensors(node, 0) && absentOrDelegatedBias(node.inputs[2]) &&
    requantizationScaleBelow256(node.inputs[0]!, node.inputs[1]!, node.outputs[0]!);
}

/**
 * DEPTHWISE_CONV_2D: a node with two inputs (no bias, which TFLite allows here) is declined and runs on
 * TFLite's builtin kernel. A bias given as omitted (−1) makes TFLite refuse the model; it is treated as zeros.
 */
export function xnnpackTakesDepthwiseConv2D(node: NodeSignature): boolean {
  return node.inputs.length === 3 && delegatedTensors(node, 3) && absentOrDelegatedBias(node.inputs[2]);
}

/** FULLY_CONNECTED: bias optional, default weights format. */
export function xnnpackTakesFullyConnected(node: NodeSignature): boolean {
  const options = node.options;
  if (options?.kind === 'FullyConnectedOptions' && options.weightsFormat !== 'DEFAULT') return false;
  const bias = node.inputs[2];
  return delegatedTensors(node, 0) && absentOrDelegatedBias(bias) &&
    requantizationScaleBelow256(node.inputs[0]!, node.inputs[1]!, node.outputs[0]!);
}

/**
 * MAX_POOL_2D on 8-bit tensors: the delegate declines strides larger than the window, and a 1×1 window with
 * a stride above 1 (a 1×1 window with stride 1 becomes a clamp).
 */
export function xnnpackTakesMaxPool(node: NodeSignature): boolean {
  const o = node.options;
  if (o?.kind !== 'Pool2DOptions' || !isPerTensorByte(node.inputs[0]) || !isPerTensorByte(node.outputs[0])) return false;
  if (!hasClampActivation(node) || o.strideW > o.filterWidth || o.strideH > o.filterHeight) return false;
  return !(o.filterWidth === 1 && o.filterHeight === 1 && Math.max(o.strideW, o.strideH) > 1);
}

/** ADD / SUB: the delegate takes input-to-output scale ratios in [2^-10, 2^8) for both inputs. */
export function xnnpackTakesAddSubScales(sa: number, sb: number, so: number): boolean {
  return [Math.fround(sa / so), Math.fround(sb / so)].every((r) => r >= 2 ** -10 && r < 2 ** 8);
}

/** MUL: the delegate takes a product-to-output scale ratio in [2^-16, 2^8). */
export function xnnpackTakesMulScales(sa: number, sb: number, so: number): boolean {
  const r = Math.fround(Math.fround(sa * sb) / so);
  return r >= 2 ** -16 && r < 2 ** 8;
}

/** XNNPACK's quantization of an activation bound: round half to even of v / scale + zero point in float32. */
function quantizeBound(v: number, dtype: Byte, scale: number, zeroPoint: number): number {
  const { min, max } = intRange(dtype);
  const x = Math.fround(Math.fround(v / scale) + zeroPoint);
  return roundHalfEven(x < min ? min : x > max ? max : x);
}

/** The clamp range of a fused activation on an 8-bit output, as the delegate quantizes it. */
export function xnnpackActivationRange(act: FusedActivation, dtype: Byte, scale: number, zeroPoint: number): { min: number; max: number } {
  const q = (v: number): number => quantizeBound(v, dtype, scale, zeroPoint);
  const range = intRange(dtype);
  switch (act) {
    case 'RELU':
      return { min: q(0), max: range.max };
    case 'RELU6':
      return { min: q(0), max: q(6) };
    case 'RELU_N1_TO_1':
      return { min: q(-1), max: q(1) };
    case 'NONE':
      return range;
    default:
      throw new UnsupportedError(`fused activation ${act} is not supported on quantized kernels`);
  }
}
