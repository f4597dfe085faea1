/** ADD, quantized (int8, uint8, int16): see add_sub_params.ts for TFLite's rescaling scheme. */
import { BuiltinOp } from '../../core/ops.js';
import type { ArithmeticOptions } from '../../core/options.js';
import { runBinary } from '../common/binary_broadcast.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';
import { isQuantized8BinaryNode, isQuantizedBinaryNode, prepareAddSub, type AddSubData, type QArray } from './add_sub_params.js';

const DEFAULTS: ArithmeticOptions = { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true };

function addKernel(mode: 'reference' | 'xnnpack'): KernelRegistration<ArithmeticOptions, AddSubData> {
  return {
    op: BuiltinOp.ADD,
    name: mode === 'xnnpack' ? 'ADD (int8/uint8, XNNPACK arithmetic)' : 'ADD (int8/uint8/int16, reference)',
    parseOptions: (raw) => optionsOrDefault(raw, ['AddOptions'], DEFAULTS),
    supports: mode === 'xnnpack' ? isQuantized8BinaryNode : isQuantizedBinaryNode,
    prepare: (node) => prepareAddSub(node, 1, mode),
    eval: (node, d) => {
      runBinary<QArray>(d.plan, node.inputs[0]!.data as QArray, node.inputs[1]!.data as QArray, node.outputs[0]!.data as QArray, d.row);
    },
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const ADD_QUANTIZED_KERNEL = addKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (8-bit only). */
export const ADD_QUANTIZED_XNNPACK_KERNEL = addKernel('xnnpack');
