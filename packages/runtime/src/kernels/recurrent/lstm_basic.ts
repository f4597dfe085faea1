/**
 * LSTM, basic kernel (TFLite lstm.cc kernel_type BASIC, reference_ops::LstmCell), float32: the input and the
 * previous activation are concatenated, one fully connected layer gives the four gate pre-activations (input,
 * new input, forget, output), and the new state and activation come out as outputs (no variable tensors).
 * Outputs: activation, state, the concatenation and the gate pre-activations.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { LSTMOptions } from '../../core/options.js';
import { expectDType, expectRank, requireInput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { sigmoid } from '../common/recurrent_float.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { isBasicLstm, LSTM_DEFAULTS } from './lstm.js';

const f = Math.fround;

interface BasicLstmData {
  readonly batches: number;
  readonly inputDepth: number;
  readonly outputDepth: number;
}

function prepare(node: NodeContext<LSTMOptions>): BasicLstmData {
  const input = requireInput(node, 0);
  const prevActiv = requireInput(node, 1);
  const weights = requireInput(node, 2);
  const prevState = requireInput(node, 4);
  for (const [t, what] of [[input, 'input'], [prevActiv, 'prev_activ'], [weights, 'weights'], [prevState, 'prev_state']] as const) {
    expectDType(node, t, ['float32'], what);
    expectRank(node, t, 2, what);
  }
  const [batches, inputDepth] = input.shape as [number, number];
  const outputDepth = prevActiv.shape[1]!;
  if (weights.shape[0] !== 4 * outputDepth || weights.shape[1] !== inputDepth + outputDepth) {
    throw shapeError(node, `weights must be [${4 * outputDepth},${inputDepth + outputDepth}], got [${weights.shape.join(',')}]`);
  }
  if (node.outputs.length !== 4) throw shapeError(node, `the basic LSTM has 4 outputs, the node ${node.outputs.length}`);
  const shapes = [[batches, outputDepth], [batches, outputDepth], [batches, inputDepth + outputDepth], [batches, 4 * outputDepth]];
  node.outputs.forEach((o, k) => { (o.shape = shapes[k]!); });
  return { batches, inputDepth, outputDepth };
}

function evalBasic(node: NodeContext<LSTMOptions>, d: BasicLstmData): void {
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
}

export const LSTM_BASIC_KERNEL: KernelRegistration<LSTMOptions, BasicLstmData> = {
  op: BuiltinOp.LSTM,
  name: 'LSTM (basic kernel, float32)',
  parseOptions: (raw) => optionsOrDefault(raw, ['LSTMOptions'], LSTM_DEFAULTS),
  supports: (node) => isBasicLstm(node) && node.inputs[0]?.dtype === 'float32',
  prepare,
  eval: evalBasic,
  work: (node) => recurrentWork(node),
};
