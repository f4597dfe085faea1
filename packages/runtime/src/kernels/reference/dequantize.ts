/**
 * DEQUANTIZE to float32: int8/uint8/int16 with per-tensor or per-channel (scale, zero point), and float16 bits.
 * Usually applied to constant weights, so the output often becomes a constant after the first evaluation.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { TypedArray } from '../../core/dtype.js';
import { decodeFloat16 } from '../common/float16.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

export interface DequantizeParams {
  /** 'float16' decodes half bits; 'affine' applies (q − zeroPoint) · scale. */
  readonly mode: 'float16' | 'affine';
  /** One entry per channel (length 1 for per-tensor); scales already rounded to float32 as TFLite holds them. */
  readonly scales: Float32Array;
  readonly zeroPoints: Int32Array;
  /** Elements before / after the quantized axis: index = (outer · channels + c) · inner + i. */
  readonly outer: number;
  readonly inner: number;
}

/** Affine dequantization; per-tensor is the one-channel case. */
export function dequantizeAffine(
  input: Int8Array | Uint8Array | Int16Array,
  output: Float32Array,
  p: DequantizeParams,
): void {
  const channels = p.scales.length;
  let i = 0;
  for (let o = 0; o < p.outer; o++) {
    for (let c = 0; c < channels; c++) {
      const scale = p.scales[c]!;
      const zp = p.zeroPoints[c]!;
      for (let j = 0; j < p.inner; j++, i++) output[i] = (input[i]! - zp) * scale;
    }
  }
}

const INPUT_DTYPES = ['int8', 'uint8', 'int16', 'float16'] as const;

function prepareDequantize(node: NodeContext<null>): DequantizeParams {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectDType(node, input, INPUT_DTYPES, 'input');
  expectDType(node, output, ['float32'], 'output');
  output.shape = [...input.shape];
  const total = input.shape.reduce((a, b) => a * b, 1);
  if (input.dtype === 'float16') {
    return { mode: 'float16', scales: new Float32Array(0), zeroPoints: new Int32Array(0), outer: 0, inner: 0 };
  }
  const q = input.quantization;
  if (!q || q.scale.length === 0) throw shapeError(node, `input '${input.name}' has no quantization parameters`);
  const channels = q.scale.length;
  const scales = Float32Array.from(q.scale);
  const zeroPoints = Int32Array.from({ length: channels }, (_, c) => q.zeroPoint[c] ?? q.zeroPoint[0] ?? 0);
  if (channels === 1) return { mode: 'affine', scales, zeroPoints, outer: 1, inner: total };
  const axis = q.quantizedDimension;
  if (axis < 0 || axis >= input.shape.length || input.shape[axis] !== channels) {
    throw shapeError(node, `${channels} scales do not match axis ${axis} of [${input.shape.join(',')}]`);
  }
  const outer = input.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = input.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return { mode: 'affine', scales, zeroPoints, outer, inner };
}

function isAffineInput(data: TypedArray): data is Int8Array | Uint8Array | Int16Array {
  return data instanceof Int8Array || data instanceof Uint8Array || data instanceof Int16Array;
}

export const DEQUANTIZE_KERNEL: KernelRegistration<null, DequantizeParams> = {
  op: BuiltinOp.DEQUANTIZE,
  name: 'DEQUANTIZE (to float32, reference)',
  parseOptions: () => null,
  supports: (node) =>
    (INPUT_DTYPES as readonly string[]).includes(node.inputs[0]?.dtype ?? '') && node.outputs[0]?.dtype === 'float32',
  prepare: prepareDequantize,
  eval: (node, p) => {
    const input = node.inputs[0]!.data;
    const output = node.outputs[0]!.data as Float32Array;
    if (p.mode === 'float16') decodeFloat16(input as Uint16Array, output);
    else if (isAffineInput(input)) dequantizeAffine(input, output, p);
  },
};
