/**
 * L2_NORMALIZATION for int8 and uint8 over the last axis. TFLite fixes the output at scale 1/128 with zero
 * point 0 (int8) or 128 (uint8), so the result is 128·d/‖d‖ (d = q − input zero point), offset and clamped.
 * TFLite forms 1/‖d‖ with a fixed-point inverse square root; here it is computed in double and rounded half
 * away from zero, which agrees within one step.
 */
import { BuiltinOp } from '../../core/ops.js';
import { prepareFixedOutputQuant } from '../common/fixed_output_quant.js';
import { shapeError } from '../common/node_checks.js';
import { roundHalfAway, tensorZeroPoint } from '../common/quantization.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf, type QArray } from '../quantized/elementwise.js';

const OUTPUT_QUANT = { scale: 1 / 128, scaleText: '1/128', zeroPoint: { int8: 0, uint8: 128 } };

interface L2NormQuantizedData {
  readonly depth: number;
  readonly inZeroPoint: number;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

export const L2_NORMALIZATION_QUANTIZED_KERNEL: KernelRegistration<null, L2NormQuantizedData> = {
  op: BuiltinOp.L2_NORMALIZATION,
  name: 'L2_NORMALIZATION (int8/uint8, reference)',
  parseOptions: () => null,
  supports: unaryOf(['int8', 'uint8']),
  prepare(node) {
    const { input, output, outZeroPoint, min, max } = prepareFixedOutputQuant(node, OUTPUT_QUANT);
    if (input.shape.length < 1 || input.shape.length > 4) throw shapeError(node, `input rank ${input.shape.length} is not 1 to 4`);
    output.shape = [...input.shape];
    return { depth: input.shape[input.shape.length - 1]!, inZeroPoint: tensorZeroPoint(input), outZeroPoint, min, max };
  },
  eval(node, d) {
    const input = node.inputs[0]!.data as QArray;
    const out = node.outputs[0]!.data as QArray;
    const { depth, inZeroPoint, outZeroPoint, min, max } = d;
    if (depth === 0) return;
    for (let start = 0; start < input.length; start += depth) {
      let squares = 0;
      for (let i = 0; i < depth; i++) {
        const x = input[start + i]! - inZeroPoint;
        squares += x * x;
      }
      // An all-zero row has no direction; TFLite's inverse square root of 0 saturates, leaving 0 after scaling.
      const inv = squares === 0 ? 0 : 128 / Math.sqrt(squares);
      for (let i = 0; i < depth; i++) {
        const v = roundHalfAway((input[start + i]! - inZeroPoint) * inv) + outZeroPoint;
        out[start + i] = v < min ? min : v > max ? max : v;
      }
    }
  },
};
