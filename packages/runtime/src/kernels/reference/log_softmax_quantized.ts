/**
 * LOG_SOFTMAX for int8 and uint8 over the last axis. TFLite fixes the output at scale 16/256 with zero point
 * 127 (int8) or 255 (uint8): log-probabilities in [−16, 0]. TFLite evaluates the exponentials and the log in
 * fixed point; here they are computed in double from the dequantized differences to the row maximum and
 * rounded half away from zero, which agrees within one step.
 */
import { BuiltinOp } from '../../core/ops.js';
import { prepareFixedOutputQuant } from '../common/fixed_output_quant.js';
import { shapeError } from '../common/node_checks.js';
import { requireScale, roundHalfAway } from '../common/quantization.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf, type QArray } from '../quantized/elementwise.js';

const OUTPUT_QUANT = { scale: 16 / 256, scaleText: '16/256', zeroPoint: { int8: 127, uint8: 255 } };

interface LogSoftmaxQuantizedData {
  readonly depth: number;
  readonly inScale: number;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

export const LOG_SOFTMAX_QUANTIZED_KERNEL: KernelRegistration<null, LogSoftmaxQuantizedData> = {
  op: BuiltinOp.LOG_SOFTMAX,
  name: 'LOG_SOFTMAX (int8/uint8, reference)',
  parseOptions: () => null,
  supports: unaryOf(['int8', 'uint8']),
  prepare(node) {
    const { input, output, outZeroPoint, min, max } = prepareFixedOutputQuant(node, OUTPUT_QUANT);
    if (input.shape.length < 1) throw shapeError(node, 'input must have rank at least 1');
    output.shape = [...input.shape];
    return { depth: input.shape[input.shape.length - 1]!, inScale: requireScale(node, input), outZeroPoint, min, max };
  },
  eval(node, d) {
    const input = node.inputs[0]!.data as QArray;
    const out = node.outputs[0]!.data as QArray;
    const { depth, inScale, outZeroPoint, min, max } = d;
    if (depth === 0) return;
    for (let start = 0; start < input.length; start += depth) {
      let top = input[start]!;
      for (let i = 1; i < depth; i++) top = Math.max(top, input[start + i]!);
      let sum = 0;
      for (let i = 0; i < depth; i++) sum += Math.exp((input[start + i]! - top) * inScale);
      const logSum = Math.log(sum);
      for (let i = 0; i < depth; i++) {
        const v = roundHalfAway(((input[start + i]! - top) * inScale - logSum) / OUTPUT_QUANT.scale) + outZeroPoint;
        out[start + i] = v < min ? min : v > max ? max : v;
      }
    }
  },
};
