/**
 * Checks shared by the data-movement kernels: they copy raw values, so the output must have the input's
 * dtype and — for quantized tensors — the same scale and zero point (requantizing variants belong to the
 * quantized kernels).
 */
import type { QuantizationParams } from '../../core/model.js';
import type { NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { shapeError } from './node_checks.js';

type AnyNode = Pick<NodeContext<unknown>, 'index' | 'opName' | 'inputs' | 'outputs'>;

/** True when both tensors carry the same quantization (absent or empty parameters count as equal). */
export function sameQuantization(a: QuantizationParams | null, b: QuantizationParams | null): boolean {
  const qa = a !== null && a.scale.length > 0 ? a : null;
  const qb = b !== null && b.scale.length > 0 ? b : null;
  if (qa === null || qb === null) return qa === qb;
  return (
    qa.quantizedDimension === qb.quantizedDimension &&
    qa.scale.length === qb.scale.length &&
    qa.scale.every((s, i) => s === qb.scale[i]) &&
    qa.zeroPoint.length === qb.zeroPoint.length &&
    qa.zeroPoint.every((z, i) => z === qb.zeroPoint[i])
  );
}

/** For `supports`: every present input among `inputIndices` has output 0's dtype and quantization. */
export function inputsMatchOutput(node: NodeSignature, inputIndices: readonly number[]): boolean {
  const out = node.outputs[0];
  if (!out) return false;
  return inputIndices.every((i) => {
    const t = node.inputs[i];
    return !t || (t.dtype === out.dtype && sameQuantization(t.quantization, out.quantization));
  });
}

/** Throws ShapeError unless `output` has the dtype of `input` (data-movement ops never convert). */
export function expectSameDType(node: AnyNode, input: RuntimeTensor, output: RuntimeTensor): void {
  if (input.dtype !== output.dtype) {
    throw shapeError(node, `output '${output.name}' is ${output.dtype} but input '${input.name}' is ${input.dtype}`);
  }
}
