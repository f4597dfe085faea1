/**
 * ASSIGN_VARIABLE and READ_VARIABLE (TFLite assign_variable.cc, read_variable.cc): write a value into the
 * resource variable a handle names (taking the value's shape and, the first time, its dtype), and read it back.
 * A read's shape is the variable's, known only at eval: its output is dynamic.
 */
import { allocTyped, type TypedArray } from '../../core/dtype.js';
import { StateError, TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape } from '../../core/shape.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';
import type { ResourceVariable } from '../node_runtime.js';

function variableOf(node: NodeContext<null>): ResourceVariable {
  return node.resources.variable((node.inputs[0]!.data as Int32Array)[0]!);
}

function checkHandle(node: NodeContext<null>): RuntimeTensor {
  const handle = requireInput(node, 0);
  expectDType(node, handle, ['resource', 'int32'], 'resource handle');
  return handle;
}

export const ASSIGN_VARIABLE_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.ASSIGN_VARIABLE,
  name: 'ASSIGN_VARIABLE',
  parseOptions: () => null,
  prepare(node) {
    checkHandle(node);
    requireInput(node, 1);
    return null;
  },
  eval(node) {
    const value = node.inputs[1]!;
    const v = variableOf(node);
    if (v.dtype !== null && v.dtype !== value.dtype) {
      throw new TensorError(`node ${node.index} (${node.opName}): the variable holds ${v.dtype}; cannot assign ${value.dtype}`);
    }
    if (v.data === null || v.data.length !== value.data.length || v.dtype !== value.dtype) v.data = allocTyped(value.dtype, value.data.length);
    v.dtype = value.dtype;
    v.shape = [...value.shape];
    (v.data as Exclude<TypedArray, BigInt64Array>).set(value.data as Exclude<TypedArray, BigInt64Array>);
  },
};

export const READ_VARIABLE_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.READ_VARIABLE,
  name: 'READ_VARIABLE',
  parseOptions: () => null,
  prepare(node) {
    checkHandle(node);
    requireOutput(node, 0);
    node.markOutputDynamic(0);
    return null;
  },
  eval(node) {
    const v = variableOf(node);
    const out = node.outputs[0]!;
    if (v.data === null) throw new StateError(`node ${node.index} (${node.opName}): the variable is read before any assignment`);
    if (v.dtype !== out.dtype) {
      throw new TensorError(`node ${node.index} (${node.opName}): the variable holds ${v.dtype}${formatShape(v.shape)}, the output is ${out.dtype}`);
    }
    const data = node.resizeOutput(0, v.shape);
    (data as Exclude<TypedArray, BigInt64Array>).set(v.data as Exclude<TypedArray, BigInt64Array>);
  },
};
