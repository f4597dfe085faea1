/**
 * PADV2 for every dtype: like PAD, with the border value read from the optional scalar input 2 (already in
 * the tensor's dtype and quantization) at every invoke.
 */
import { BuiltinOp } from '../../core/ops.js';
import { numElements } from '../../core/shape.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType, inputsMatchOutput } from '../common/layout_checks.js';
import { shapeError } from '../common/node_checks.js';
import { defaultPadValue, padInto, preparePad, type PadPlan } from '../common/pad_fill.js';
import type { KernelRegistration } from '../kernel.js';

interface PadV2Prepared extends PadPlan {
  readonly fallback: number | bigint;
}

export const PADV2_KERNEL: KernelRegistration<null, PadV2Prepared> = {
  op: BuiltinOp.PADV2,
  name: 'PADV2 (all dtypes, reference)',
  parseOptions: () => null,
  supports: (node) => inputsMatchOutput(node, [0]),
  prepare(node) {
    const plan = preparePad(node);
    const value = node.inputs[2] ?? null;
    if (value !== null) {
      expectSameDType(node, value, node.outputs[0]!);
      if (numElements(value.shape) !== 1) throw shapeError(node, 'constant_values must hold one value');
    }
    return { ...plan, fallback: defaultPadValue(node.outputs[0]!) };
  },
  eval(node, plan) {
    const valueTensor = node.inputs[2];
    const value = valueTensor ? valueTensor.data[0]! : plan.fallback;
    padInto(elementsOf(node.outputs[0]!.data), elementsOf(node.inputs[0]!.data), value, plan);
  },
};
