/**
 * DENSIFY (float32, float16, int8): the dense form of a sparse constant. The interpreter densifies sparse
 * constants when the model loads (core/sparsity.ts, TFLite's format-converter semantics), so this node
 * copies an already dense value; its input is constant, so it runs once, at prepare. As in TFLite, the input
 * must be a constant.
 */
import { BuiltinOp } from '../../core/ops.js';
import { copyAll, elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const DENSIFY_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.DENSIFY,
  name: 'DENSIFY (float32/float16/int8, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32', 'float16', 'int8'], 'input');
    expectDType(node, output, [input.dtype], 'output');
    if (!input.isConstant) throw unsupported(node, `input '${input.name}' must be a constant (sparse weights)`);
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    copyAll(elementsOf(node.outputs[0]!.data), elementsOf(node.inputs[0]!.data));
  },
};
