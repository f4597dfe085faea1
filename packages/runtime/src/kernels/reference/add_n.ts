/** ADD_N (float32, int32): the element-wise sum of any number of same-shape inputs, added in input order. */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, shapesEqual } from '../../core/shape.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const ADD_N_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.ADD_N,
  name: 'ADD_N (float32/int32, reference)',
  parseOptions: () => null,
  supports: (node) => {
    const t = node.inputs[0];
    return (t?.dtype === 'float32' || t?.dtype === 'int32') && (t.quantization?.scale.length ?? 0) === 0;
  },
  prepare(node) {
    const first = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, first, ['float32', 'int32'], 'input');
    expectDType(node, output, [first.dtype], 'output');
    for (let k = 1; k < node.inputs.length; k++) {
      const t = requireInput(node, k);
      expectDType(node, t, [first.dtype], 'input');
      if (!shapesEqual(t.shape, first.shape)) {
        throw shapeError(node, `input ${k} has shape ${formatShape(t.shape)}, input 0 has ${formatShape(first.shape)}`);
      }
    }
    output.shape = [...first.shape];
    return null;
  },
  eval(node) {
    const out = node.outputs[0]!.data as Float32Array | Int32Array;
    out.set(node.inputs[0]!.data as Float32Array | Int32Array);
    for (let k = 1; k < node.inputs.length; k++) {
      const x = node.inputs[k]!.data as Float32Array | Int32Array;
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + x[i]!;
    }
  },
};
