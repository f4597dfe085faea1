/**
 * TILE (every dtype): the input repeated multiples[i] times along each axis. Multiples computed at run time
 * make the output dynamic (planned at eval). The copy is one strided walk: the output read as
 * [m0, d0, m1, d1, ...] takes input strides [0, s0, 0, s1, ...].
 */
import { BuiltinOp } from '../../core/ops.js';
import { stridesOf } from '../../core/shape.js';
import { intValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType, sameQuantization } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

/** The output shape and the strided walk for the current multiples. */
function tilePlan(node: NodeContext<null>): { shape: number[]; box: StridedBox } {
  const input = node.inputs[0]!;
  const multiples = intValues(node, node.inputs[1]!, 'multiples input');
  if (multiples.length !== input.shape.length || multiples.some((m) => m < 0)) {
    throw shapeError(node, `multiples [${multiples}] do not fit input rank ${input.shape.length}`);
  }
  const strides = stridesOf(input.shape);
  return {
    shape: input.shape.map((d, i) => d * multiples[i]!),
    box: { shape: input.shape.flatMap((d, i) => [multiples[i]!, d]), strides: strides.flatMap((s) => [0, s]), offset: 0 },
  };
}

export const TILE_KERNEL: KernelRegistration<null, StridedBox | null> = {
  op: BuiltinOp.TILE,
  name: 'TILE (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    if (!sameQuantization(input.quantization, output.quantization)) {
      throw shapeError(node, 'input and output quantization differ');
    }
    if (!requireInput(node, 1).isConstant) {
      node.markOutputDynamic(0);
      return null;
    }
    const plan = tilePlan(node);
    output.shape = plan.shape;
    return plan.box;
  },
  eval(node, prepared) {
    let box = prepared;
    if (box === null) {
      const plan = tilePlan(node);
      node.resizeOutput(0, plan.shape);
      box = plan.box;
    }
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
