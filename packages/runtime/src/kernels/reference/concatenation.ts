/**
 * CONCATENATION for every dtype along a (possibly negative) axis, with the fused activation applied to float
 * outputs (TFLite's builtin kernel refuses a fused activation and LiteRT.js's XNNPACK path ignores it; the
 * converter never emits one, so we apply what the option says). Quantized inputs must share the output's scale and zero point; rescaling concatenation is the
 * quantized kernels' registration.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ConcatenationOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { applyFloatActivation, floatActivationRange, type ActivationRange } from '../common/activation.js';
import { concatInto, sizeBetween, type ConcatPlan } from '../common/concat_split.js';
import { expectSameDType, inputsMatchOutput } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';

interface ConcatPrepared extends ConcatPlan {
  /** Clamp range for float32 outputs; null when there is nothing to clamp. */
  readonly activation: ActivationRange | null;
}

export const CONCATENATION_KERNEL: KernelRegistration<ConcatenationOptions, ConcatPrepared> = {
  op: BuiltinOp.CONCATENATION,
  name: 'CONCATENATION (all dtypes, reference)',
  parseOptions: (raw) =>
    optionsOrDefault(raw, ['ConcatenationOptions'], { kind: 'ConcatenationOptions', axis: 0, fusedActivation: 'NONE' }),
  supports: (node) => inputsMatchOutput(node, node.inputs.map((_, i) => i)),
  prepare(node) {
    const output = requireOutput(node, 0);
    const inputs = node.inputs.map((_, i) => requireInput(node, i));
    if (inputs.length === 0) throw shapeError(node, 'needs at least one input');
    // TFLite concatenates scalars along axis 0 into a vector: treat each as shape [1].
    const shapeOf = (t: RuntimeTensor): readonly number[] => (t.shape.length === 0 ? [1] : t.shape);
    const first = shapeOf(inputs[0]!);
    const rank = first.length;
    const axis = node.options.axis < 0 ? node.options.axis + rank : node.options.axis;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${node.options.axis} is out of range for rank ${rank}`);
    const shape = [...first];
    shape[axis] = 0;
    for (const t of inputs) {
      expectSameDType(node, t, output);
      const s = shapeOf(t);
      const fits = s.length === rank && s.every((d, i) => i === axis || d === first[i]);
      if (!fits) throw shapeError(node, `input ${formatShape(t.shape)} does not fit ${formatShape(first)} on axis ${axis}`);
      shape[axis] += s[axis]!;
    }
    output.shape = shape;
    const inner = sizeBetween(shape, axis + 1, rank);
    return {
      outer: sizeBetween(shape, 0, axis),
      chunks: inputs.map((t) => shapeOf(t)[axis]! * inner),
      activation: activationFor(node),
    };
  },
  eval(node, plan) {
    const output = node.outputs[0]!;
    concatInto(output, node.inputs, plan);
    if (plan.activation !== null) {
      applyFloatActivation(output.data as Float32Array, plan.activation.min, plan.activation.max);
    }
  },
};

function activationFor(node: NodeContext<ConcatenationOptions>): ActivationRange | null {
  const act = node.options.fusedActivation;
  if (act === 'NONE') return null;
  if (node.outputs[0]!.dtype !== 'float32') {
    throw unsupported(node, `fused activation ${act} on ${node.outputs[0]!.dtype} output`);
  }
  return floatActivationRange(act);
}
