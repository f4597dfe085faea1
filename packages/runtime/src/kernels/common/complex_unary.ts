/**
 * COMPLEX_ABS, REAL and IMAG: complex64 in, float32 out, element by element (TFLite's complex_support.cc;
 * complex128 → float64 is a dtype this runtime does not hold).
 */
import { complexParts } from '../../core/dtype.js';
import { BuiltinOp, type BuiltinOpName } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';

export function complexToRealKernel(op: BuiltinOpName, fn: (re: number, im: number) => number): KernelRegistration<null, null> {
  return {
    op: BuiltinOp[op],
    name: `${op} (complex64 → float32, reference)`,
    parseOptions: () => null,
    prepare(node) {
      const input = requireInput(node, 0);
      const output = requireOutput(node, 0);
      expectDType(node, input, ['complex64'], 'input');
      expectDType(node, output, ['float32'], 'output');
      output.shape = [...input.shape];
      return null;
    },
    eval(node) {
      const pairs = complexParts(node.inputs[0]!.data);
      const out = node.outputs[0]!.data as Float32Array;
      for (let i = 0; i < out.length; i++) out[i] = fn(pairs[2 * i]!, pairs[2 * i + 1]!);
    },
  };
}
