/**
 * Quantized RELU / RELU6 / RELU_N1_TO_1 / RELU_0_TO_1 (TFLite activations.cc QuantizedReluX): requantize
 * by in_scale/out_scale, then clamp to the activation's bounds quantized on the output (roundf in float32).
 */
import { intRange } from '../../core/dtype.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { quantizeMultiplier, requireScale, roundHalfAway, tensorZeroPoint, type QuantizedDType } from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { prepareUnaryShape, unaryOf, type QArray } from './elementwise.js';

export interface ReluData {
  readonly multiplier: number;
  readonly shift: number;
  readonly inZeroPoint: number;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

function prepareRelu(node: NodeContext<null>, lo: number, hi: number): ReluData {
  const { input, output } = prepareUnaryShape(node);
  const outScale = requireScale(node, output);
  const zp = tensorZeroPoint(output);
  const range = intRange(output.dtype as QuantizedDType);
  const { multiplier, shift } = quantizeMultiplier(requireScale(node, input) / outScale);
  const q = (f: number): number => zp + roundHalfAway(Math.fround(f / outScale));
  return {
    multiplier, shift, inZeroPoint: tensorZeroPoint(input), outZeroPoint: zp,
    min: Math.max(range.min, q(lo)), max: hi === Infinity ? range.max : Math.min(range.max, q(hi)),
  };
}

export function reluQuantized(input: QArray, output: QArray, d: ReluData): void {
  for (let i = 0; i < input.length; i++) {
    const v = d.outZeroPoint + multiplyByQuantizedMultiplier(input[i]! - d.inZeroPoint, d.multiplier, d.shift);
    output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
  }
}

/** A registration of a clamp-style activation between `lo` and `hi` (real values). */
export function reluKernel(op: number, label: string, lo: number, hi: number): KernelRegistration<null, ReluData> {
  return {
    op,
    name: `${label} (int8/uint8/int16, reference)`,
    parseOptions: () => null,
    supports: unaryOf(['int8', 'uint8', 'int16']),
    prepare: (node) => prepareRelu(node, lo, hi),
    eval: (node, d) => reluQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d),
  };
}
