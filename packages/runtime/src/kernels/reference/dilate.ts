/**
 * DILATE (every fixed-width dtype): inserts (dilation − 1) copies of `padding_value` between neighbouring
 * elements along each dimension — out[i·d] = in[i] — with an int32 dilations vector (one per dimension, each
 * ≥ 1; computed at run time, it makes the output dynamic) and a scalar padding value of the input's dtype.
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements, stridesOf } from '../../core/shape.js';
import { intValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

interface Plan {
  readonly outShape: readonly number[];
  readonly inShape: readonly number[];
  readonly inStrides: readonly number[];
  /** Output element stride of one input step along each dimension. */
  readonly outSteps: readonly number[];
}

/** Output shape and strides for the dilations input's current values. */
function planFor(node: NodeContext<null>): Plan {
  const input = node.inputs[0]!;
  const dilations = intValues(node, node.inputs[1]!, 'dilations');
  if (dilations.length !== input.shape.length || dilations.some((d) => d < 1)) {
    throw shapeError(node, `dilations [${dilations}] must hold one value ≥ 1 per dimension of ${formatShape(input.shape)}`);
  }
  const outShape = input.shape.map((d, i) => (d - 1) * dilations[i]! + 1);
  const outStrides = stridesOf(outShape);
  return { inShape: [...input.shape], inStrides: stridesOf(input.shape), outShape, outSteps: outStrides.map((s, i) => s * dilations[i]!) };
}

export const DILATE_KERNEL: KernelRegistration<null, Plan | null> = {
  op: BuiltinOp.DILATE,
  name: 'DILATE (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0), dilationsIn = requireInput(node, 1), padding = requireInput(node, 2);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    expectDType(node, padding, [input.dtype], 'padding value');
    expectDType(node, dilationsIn, ['int32'], 'dilations');
    if (numElements(padding.shape) !== 1) throw shapeError(node, 'padding value must be a scalar');
    if (input.shape.length === 0 || input.shape.some((d) => d < 1)) throw shapeError(node, `input ${formatShape(input.shape)} must have rank ≥ 1 and no empty dimension`);
    if (!dilationsIn.isConstant) {
      node.markOutputDynamic(0);
      return null;
    }
    const p = planFor(node);
    output.shape = [...p.outShape];
    return p;
  },
  eval(node, plan) {
    let p = plan;
    if (p === null) {
      p = planFor(node);
      node.resizeOutput(0, p.outShape);
    }
    const x = elementsOf(node.inputs[0]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    const pad = elementsOf(node.inputs[2]!.data)[0]!;
    for (let i = 0; i < out.length; i++) out[i] = pad;
    for (let i = 0; i < x.length; i++) {
      let at = 0;
      for (let d = 0; d < p.inShape.length; d++) at += (Math.floor(i / p.inStrides[d]!) % p.inShape[d]!) * p.outSteps[d]!;
      out[at] = x[i]!;
    }
  },
};
