/**
 * SHAPE: the input's dimensions as an int32 or int64 vector. It depends only on the input's shape, so it is
 * marked `shapeOnly` and the interpreter can evaluate it at prepare time (Keras exports build RESHAPE
 * targets from it).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ShapeOptions } from '../../core/options.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

export const SHAPE_KERNEL: KernelRegistration<ShapeOptions, null> = {
  op: BuiltinOp.SHAPE,
  name: 'SHAPE (reference)',
  shapeOnly: true,
  parseOptions: (raw) => optionsOrDefault(raw, ['ShapeOptions'], { kind: 'ShapeOptions', outType: 'int32' }),
  prepare(node) {
    requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, output, ['int32', 'int64'], 'output');
    if (node.options.outType !== output.dtype) {
      throw shapeError(node, `out_type is ${node.options.outType} but output '${output.name}' is ${output.dtype}`);
    }
    output.shape = [node.inputs[0]!.shape.length];
    return null;
  },
  eval(node) {
    const dims = node.inputs[0]!.shape;
    const out = node.outputs[0]!.data;
    if (out instanceof BigInt64Array) for (let i = 0; i < dims.length; i++) out[i] = BigInt(dims[i]!);
    else if (out instanceof Int32Array) for (let i = 0; i < dims.length; i++) out[i] = dims[i]!;
  },
};
