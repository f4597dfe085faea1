/**
 * L2_NORMALIZATION for int8 and uint8 over the last axis (TFLite l2norm.cc; XNNPACK has no quantized form).
 * TFLite fixes the output at scale 1/128 with zero point 0 (int8) or 128 (uint8), so the result is
 * 128·d/‖d‖ (d = q − input zero point). 1/‖d‖ comes from the fixed-point inverse square root of Σd²
 * (GetInvSqrtQuantizedMultiplierExp); the two types then scale differently, as TFLite's two kernels do:
 * uint8 multiplies 128·d by it with one rounding shift (MultiplyByQuantizedMultiplierSmallerThanOneExp),
 * int8 multiplies d with the shift raised by 7 (MultiplyByQuantizedMultiplier).
 */
import { BuiltinOp } from '../../core/ops.js';
import { prepareFixedOutputQuant } from '../common/fixed_output_quant.js';
import { shapeError } from '../common/node_checks.js';
import { tensorZeroPoint } from '../common/quantization.js';
import {
  invSqrtQuantizedMultiplier, multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierSmallerThanOne,
} from '../common/fixed_point.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf, type QArray } from '../quantized/elementwise.js';

const OUTPUT_QUANT = { scale: 1 / 128, scaleText: '1/128', zeroPoint: { int8: 0, uint8: 128 } };

interface L2NormQuantizedData {
  readonly uint8: boolean;
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
    return {
      uint8: input.dtype === 'uint8', depth: input.shape[input.shape.length - 1]!, inZeroPoint: tensorZeroPoint(input),
      outZeroPoint, min, max,
    };
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
      const { multiplier, shift } = invSqrtQuantizedMultiplier(squares, -1);
      for (let i = 0; i < depth; i++) {
        const diff = input[start + i]! - inZeroPoint;
        const scaled = d.uint8
          ? multiplyByQuantizedMultiplierSmallerThanOne(128 * diff, multiplier, shift)
          : multiplyByQuantizedMultiplier(diff, multiplier, shift + 7);
        const v = scaled + outZeroPoint;
        out[start + i] = v < min ? min : v > max ? max : v;
      }
    }
  },
};
