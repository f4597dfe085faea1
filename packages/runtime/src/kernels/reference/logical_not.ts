/** LOGICAL_NOT (bool): ¬x. */
import { BuiltinOp } from '../../core/ops.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const LOGICAL_NOT_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.LOGICAL_NOT,
  name: 'LOGICAL_NOT (bool, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['bool'], 'input');
    expectDType(node, output, ['bool'], 'output');
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    const input = node.inputs[0]!.data as Uint8Array;
    const out = node.outputs[0]!.data as Uint8Array;
    for (let i = 0; i < input.length; i++) out[i] = input[i] === 0 ? 1 : 0;
  },
};
