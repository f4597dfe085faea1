/**
 * FILL (every dtype): a tensor of the `dims` shape, every element the scalar `value`. Dims computed at run time
 * make the output dynamic (sized at eval).
 */
import { BuiltinOp } from '../../core/ops.js';
import { StringArray } from '../../core/string_data.js';
import { intValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

function fillShape(node: NodeContext<null>): number[] {
  const dims = intValues(node, node.inputs[0]!, 'dims input');
  if (dims.some((d) => d < 0)) throw shapeError(node, `dims [${dims}] has a negative dimension`);
  return dims;
}

export const FILL_KERNEL: KernelRegistration<null, { readonly dynamic: boolean }> = {
  op: BuiltinOp.FILL,
  name: 'FILL (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const dimsInput = requireInput(node, 0);
    const value = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, output, [value.dtype], 'output');
    if (value.shape.length !== 0 && !(value.shape.length === 1 && value.shape[0] === 1)) {
      throw shapeError(node, `value must be a scalar, has shape [${value.shape}]`);
    }
    if (!dimsInput.isConstant) {
      expectDType(node, dimsInput, ['int32', 'int64'], 'dims input');
      node.markOutputDynamic(0);
      return { dynamic: true };
    }
    output.shape = fillShape(node);
    return { dynamic: false };
  },
  eval(node, d) {
    if (d.dynamic) node.resizeOutput(0, fillShape(node));
    const v = elementsOf(node.inputs[1]!.data)[0]!;
    const out = node.outputs[0]!.data;
    if (out instanceof StringArray) out.strings.fill(v as unknown as Uint8Array);
    else if (out instanceof BigInt64Array) out.fill(v as bigint);
    else (out as Exclude<typeof out, BigInt64Array>).fill(v as number);
  },
};
