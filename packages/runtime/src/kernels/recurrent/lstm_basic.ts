/**
 * LSTM, basic kernel (TFLite lstm.cc kernel_type BASIC, reference_ops::LstmCell), float32: the input and the
 * previous activation are concatenated, one fully connected layer gives the four gate pre-activations (input,
 * new input, forget, output), and the new state and activation come out as outputs
 * (and are copied back over prev_activ and prev_state, as TFLite does).
 * Outputs: activation, state, the concatenation and the gate pre-activations.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { LSTMOptions } from '../../core/options.js';
import { optionsOrDefault } from '../common/options.js';
import { sigmoid } from '../common/recurrent_float.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { isBasicLstm, LSTM_DEFAULTS } from './lstm.js';
import { copyStateBack, prepareBasicLstmShape, type BasicLstmDTypes, type BasicLstmShape } from './lstm_basic_shape.js';

const f = Math.fround;

const FLOAT_TYPES: BasicLstmDTypes = {
  inputs: ['float32', 'float32', 'float32', 'float32', 'float32'],
  outputs: ['float32', 'float32', 'float32', 'float32'],
};

function evalBasic(node: NodeContext<LSTMOptions>, d: BasicLstmShape): void {
  const [input, prevActiv, weights, bias, prevState] = node.inputs.map((t) => t!.data as Float32Array) as Float32Array[];
  const [activ, state, concat, gates] = node.outputs.map((t) => t.data as Float32Array) as Float32Array[];
  const { batches, inputDepth: ni, outputDepth: no } = d;
  const depth = ni + no;
  for (let b = 0; b < batches; b++) {
    concat!.set(input!.subarray(b * ni, (b + 1) * ni), b * depth);
    concat!.set(prevActiv!.subarray(b * no, (b + 1) * no), b * depth + ni);
    for (let o = 0; o < 4 * no; o++) {
      let total = 0;
      for (let k = 0; k < depth; k++) total = f(total + f(concat![b * depth + k]! * weights![o * depth + k]!));
      gates![b * 4 * no + o] = f(total + bias![o]!);
    }
    for (let c = 0; c < no; c++) {
      const g = b * 4 * no;
      const inputGate = sigmoid(gates![g + c]!);
      const newInput = f(Math.tanh(gates![g + no + c]!));
      const forgetGate = sigmoid(gates![g + 2 * no + c]!);
      const outputGate = sigmoid(gates![g + 3 * no + c]!);
      const newState = f(f(inputGate * newInput) + f(forgetGate * prevState![b * no + c]!));
      state![b * no + c] = newState;
      activ![b * no + c] = f(outputGate * f(Math.tanh(newState)));
    }
  }
  copyStateBack(node);
}

export const LSTM_BASIC_KERNEL: KernelRegistration<LSTMOptions, BasicLstmShape> = {
  op: BuiltinOp.LSTM,
  name: 'LSTM (basic kernel, float32)',
  parseOptions: (raw) => optionsOrDefault(raw, ['LSTMOptions'], LSTM_DEFAULTS),
  supports: (node) => isBasicLstm(node) && node.inputs[0]?.dtype === 'float32',
  prepare: (node) => prepareBasicLstmShape(node, FLOAT_TYPES),
  eval: evalBasic,
  work: (node) => recurrentWork(node),
};
