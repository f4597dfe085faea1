/**
 * LSTM, full kernel (TFLite lstm.cc, kernel_type FULL): one LSTM step over [batch, input] with the 24-input
 * layout of UNIDIRECTIONAL_SEQUENCE_LSTM and its float, hybrid and integer forms (8x8_16, and 8x8_8 in
 * lstm_integer_8x8_8.ts); the states are variable tensors. The BASIC kernel type is lstm_basic.ts.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { LSTMOptions } from '../../core/options.js';
import { expectRank, requireInput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { prepareLstmDirection, type LstmKind, type PreparedLstmDirection } from './lstm_direction.js';
import { prepareLstm8x8_8 } from './lstm_integer_8x8_8.js';
import { lstmKind, lstmSizes, UNIDIRECTIONAL_LAYOUT } from './lstm_tensors.js';

export const LSTM_DEFAULTS: LSTMOptions = {
  kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, kernelType: 'FULL', asymmetricQuantizeInputs: false,
};

export function isBasicLstm(node: NodeSignature): boolean {
  return node.options?.kind === 'LSTMOptions' && node.options.kernelType === 'BASIC';
}

function prepare(node: NodeContext<LSTMOptions>, kind: LstmKind): PreparedLstmDirection {
  const input = requireInput(node, 0);
  expectRank(node, input, 2, 'input');
  // TFLite picks the integer form by the node's intermediate tensors: five for 8x8_16, otherwise 8x8_8 (12).
  if (kind === 'integer' && node.intermediates.length !== 5) return prepareLstm8x8_8(node);
  const [batches, nInput] = input.shape as [number, number];
  const { nOutput } = lstmSizes(node, UNIDIRECTIONAL_LAYOUT, batches, nInput, 0);
  node.outputs[0]!.shape = [batches, nOutput];
  return prepareLstmDirection(node, UNIDIRECTIONAL_LAYOUT, kind, {
    maxTime: 1, batches, timeMajor: true, nInput, nAux: 0, forward: true, input: 0, output: 0, outputStride: nOutput, outputOffset: 0, auxInput: -1,
  });
}

function registration(kind: LstmKind, label: string): KernelRegistration<LSTMOptions, PreparedLstmDirection> {
  return {
    op: BuiltinOp.LSTM,
    name: `LSTM (full kernel, ${label})`,
    parseOptions: (raw) => optionsOrDefault(raw, ['LSTMOptions'], LSTM_DEFAULTS),
    supports: (node) => !isBasicLstm(node) && lstmKind(node.inputs[0], node.inputs[4]) === kind,
    prepare: (node) => prepare(node, kind),
    eval: (node, d) => d.run(node),
    work: recurrentWork,
  };
}

export const LSTM_FULL_KERNELS = [registration('float', 'float32'), registration('hybrid', 'hybrid int8 weights'), registration('integer', 'int8x8_16 and int8x8_8')] as const;
