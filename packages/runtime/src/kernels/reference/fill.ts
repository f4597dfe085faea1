/**
 * FILL (every dtype): a tensor of the constant `dims` shape, every element the scalar `value` (which may be
 * computed at run time). Dims that are not known at prepare time would make the output shape dynamic, which
 * this runtime refuses.
 */
import { BuiltinOp } from '../../core/ops.js';
import { StringArray } from '../../core/string_data.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const FILL_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.FILL,
  name: 'FILL (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const dims = constIntValues(node, requireInput(node, 0), 'dims input');
    const value = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, output, [value.dtype], 'output');
    if (value.shape.length !== 0 && !(value.shape.length === 1 && value.shape[0] === 1)) {
      throw shapeError(node, `value must be a scalar, has shape [${value.shape}]`);
    }
    if (dims.some((d) => d < 0)) throw shapeError(node, `dims [${dims}] has a negative dimension`);
    output.shape = dims;
    return null;
  },
  eval(node) {
    const v = elementsOf(node.inputs[1]!.data)[0]!;
    const out = node.outputs[0]!.data;
    if (out instanceof StringArray) out.strings.fill(v as unknown as Uint8Array);
    else if (out instanceof BigInt64Array) out.fill(v as bigint);
    else (out as Exclude<typeof out, BigInt64Array>).fill(v as number);
  },
};
