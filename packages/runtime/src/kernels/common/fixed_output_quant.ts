/**
 * Prepare shared by the int8/uint8 kernels whose output quantization TFLite fixes (L2_NORMALIZATION,
 * LOG_SOFTMAX): the dtypes, the required output scale and zero point, and the clamp range of the dtype.
 */
import { intRange } from '../../core/dtype.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import { expectDType, requireInput, requireOutput, shapeError } from './node_checks.js';
import { tensorScale, tensorZeroPoint } from './quantization.js';

/** The output quantization an op requires: its scale (and how messages write it) and zero point per dtype. */
export interface FixedOutputQuant {
  readonly scale: number;
  readonly scaleText: string;
  readonly zeroPoint: { readonly int8: number; readonly uint8: number };
}

export interface FixedOutputPrepared {
  readonly input: RuntimeTensor;
  readonly output: RuntimeTensor;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

/** Checks an int8/uint8 input, a same-dtype output with the fixed quantization, and returns the range. */
export function prepareFixedOutputQuant(node: NodeContext<unknown>, fixed: FixedOutputQuant): FixedOutputPrepared {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectDType(node, input, ['int8', 'uint8'], 'input');
  expectDType(node, output, [input.dtype], 'output');
  const dtype = input.dtype as 'int8' | 'uint8';
  const zp = fixed.zeroPoint[dtype];
  if (tensorScale(output) !== fixed.scale || tensorZeroPoint(output) !== zp) {
    throw shapeError(node, `output must have scale ${fixed.scaleText} and zero point ${zp}, as TFLite requires`);
  }
  const { min, max } = intRange(dtype);
  return { input, output, outZeroPoint: zp, min, max };
}
