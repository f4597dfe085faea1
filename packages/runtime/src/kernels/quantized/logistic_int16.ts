/** LOGISTIC, int16: TFLite's reference integer kernel (sigmoid table with linear interpolation). */
import { BuiltinOp } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf } from './elementwise.js';
import { logisticInt16, prepareInt16Sigmoid, type Int16SigmoidData } from './sigmoid_int16.js';

export const LOGISTIC_INT16_KERNEL: KernelRegistration<null, Int16SigmoidData> = {
  op: BuiltinOp.LOGISTIC,
  name: 'LOGISTIC (int16, sigmoid table)',
  parseOptions: () => null,
  supports: unaryOf(['int16']),
  prepare: (node) => prepareInt16Sigmoid(node, false),
  eval: (node, d) => logisticInt16(node.inputs[0]!.data as Int16Array, node.outputs[0]!.data as Int16Array, d),
};
