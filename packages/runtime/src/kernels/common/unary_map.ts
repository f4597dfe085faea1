/**
 * Registrations for element-wise unary ops that are one scalar function (NEG, ABS, FLOOR, SIN, ...): the
 * output takes the input's shape and dtype. Each op file supplies its function and the dtypes it accepts.
 */
import type { DType } from '../../core/dtype.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';

export type UnaryMapDType = 'float32' | 'int32';

/** Input and output of one of `dtypes`, the same, and not quantized. */
export function unaryMapSupports(node: NodeSignature, dtypes: readonly UnaryMapDType[]): boolean {
  const input = node.inputs[0];
  const output = node.outputs[0];
  if (!input || !output || input.dtype !== output.dtype) return false;
  const unquantized = input.quantization === null || input.quantization.scale.length === 0;
  return (dtypes as readonly DType[]).includes(input.dtype) && unquantized;
}

export function prepareUnaryMap<O>(node: NodeContext<O>, dtypes: readonly UnaryMapDType[]): null {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectDType(node, input, dtypes, 'input');
  expectDType(node, output, [input.dtype], 'output');
  output.shape = [...input.shape];
  return null;
}

/** output[i] = f(input[i]); an Int32Array output wraps the result to int32 on store. */
export function mapValues(input: Float32Array | Int32Array, output: Float32Array | Int32Array, f: (x: number) => number): void {
  const n = input.length;
  for (let i = 0; i < n; i++) output[i] = f(input[i]!);
}

/** A registration for `op` computing `f` element-wise on the given dtypes. */
export function unaryMapKernel(
  op: number,
  name: string,
  dtypes: readonly UnaryMapDType[],
  f: (x: number) => number,
): KernelRegistration<null, null> {
  return {
    op,
    name: `${name} (${dtypes.join('/')}, reference)`,
    parseOptions: () => null,
    supports: (node) => unaryMapSupports(node, dtypes),
    prepare: (node) => prepareUnaryMap(node, dtypes),
    eval: (node) => mapValues(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, f),
  };
}
