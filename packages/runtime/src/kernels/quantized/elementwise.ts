/** Shared by the quantized element-wise unary kernels: dtype check and same-shape output. */
import type { DType } from '../../core/dtype.js';
import { requireInput, requireOutput } from '../common/node_checks.js';
import type { NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import type { QArray } from '../common/quantization.js';

export type { QArray };

/** `supports` for unary ops whose input and output share one of `dtypes`. */
export function unaryOf(dtypes: readonly DType[]): (node: NodeSignature) => boolean {
  return (node) => {
    const i = node.inputs[0]?.dtype;
    return i !== undefined && dtypes.includes(i) && node.outputs[0]?.dtype === i;
  };
}

/** Gives the output the input's shape and returns both tensors. */
export function prepareUnaryShape(node: NodeContext<unknown>): { input: RuntimeTensor; output: RuntimeTensor } {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  output.shape = [...input.shape];
  return { input, output };
}
