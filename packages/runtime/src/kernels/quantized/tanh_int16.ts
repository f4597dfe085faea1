/** TANH, int16: TFLite's reference integer kernel (tanh(x) = 2·sigmoid(2x) − 1 on the sigmoid table). */
import { BuiltinOp } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf } from './elementwise.js';
import { prepareInt16Sigmoid, tanhInt16, type Int16SigmoidData } from './sigmoid_int16.js';

export const TANH_INT16_KERNEL: KernelRegistration<null, Int16SigmoidData> = {
  op: BuiltinOp.TANH,
  name: 'TANH (int16, sigmoid table)',
  parseOptions: () => null,
  supports: unaryOf(['int16']),
  // TFLite treats input scales 2^-12 and 2^-11 as the power-of-two case for tanh.
  prepare: (node) => prepareInt16Sigmoid(node, true),
  eval: (node, d) => tanhInt16(node.inputs[0]!.data as Int16Array, node.outputs[0]!.data as Int16Array, d),
};
