/**
 * Prepare shared by the float32 element-wise unary kernels (LOGISTIC, TANH, RELU, EXP, ...): the output takes
 * the input's shape. Each op file holds only its math.
 */
import { BuiltinOp, type BuiltinOpName } from '../../core/ops.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';

/** `supports` for float unary kernels: float32 in and out. */
export function floatUnarySupports(node: NodeSignature): boolean {
  return node.inputs[0]?.dtype === 'float32' && node.outputs[0]?.dtype === 'float32';
}

/** Checks float32 in/out and gives the output the input's shape (any rank, 0 elements allowed). */
export function prepareFloatUnary<O>(node: NodeContext<O>): null {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectDType(node, input, ['float32'], 'input');
  expectDType(node, output, ['float32'], 'output');
  output.shape = [...input.shape];
  return null;
}


/** A float32 element-wise registration named '<op> (float32, reference)' running `fn` over the whole tensor. */
export function floatUnaryKernel(
  op: BuiltinOpName,
  fn: (input: Float32Array, output: Float32Array) => void,
): KernelRegistration<null, null> {
  return {
    op: BuiltinOp[op],
    name: `${op} (float32, reference)`,
    parseOptions: () => null,
    supports: floatUnarySupports,
    prepare: prepareFloatUnary,
    eval: (node) => fn(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
  };
}
