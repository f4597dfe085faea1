/** PAD for every dtype: constant paddings, border filled with 0 (or the output zero point when quantized). */
import { BuiltinOp } from '../../core/ops.js';
import { elementsOf } from '../common/elements.js';
import { inputsMatchOutput } from '../common/layout_checks.js';
import { defaultPadValue, padInto, preparePad, type PadPlan } from '../common/pad_fill.js';
import type { KernelRegistration } from '../kernel.js';

interface PadPrepared extends PadPlan {
  readonly value: number | bigint;
}

export const PAD_KERNEL: KernelRegistration<null, PadPrepared> = {
  op: BuiltinOp.PAD,
  name: 'PAD (all dtypes, reference)',
  parseOptions: () => null,
  supports: (node) => inputsMatchOutput(node, [0]),
  prepare(node) {
    const plan = preparePad(node);
    return { ...plan, value: defaultPadValue(node.outputs[0]!) };
  },
  eval(node, plan) {
    padInto(elementsOf(node.outputs[0]!.data), elementsOf(node.inputs[0]!.data), plan.value, plan);
  },
};
