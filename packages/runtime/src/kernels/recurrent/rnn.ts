/**
 * RNN (TFLite basic_rnn.cc): one step of a basic RNN cell, h = act(W·x + R·h + b), over [batch, input]; the
 * hidden state is a variable tensor kept across invokes. Float and hybrid (int8 weights).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { RNNOptions } from '../../core/options.js';
import { expectRank, requireInput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { prepareRnnDirection, rnnKind, rnnUnits, type PreparedRnnDirection, type RnnKind, type RnnLayout } from './rnn_direction.js';

const LAYOUT: RnnLayout = { weights: 1, recurrent: 2, bias: 3, hidden: 4, auxWeights: -1 };
const DEFAULTS: RNNOptions = { kind: 'RNNOptions', fusedActivation: 'TANH', asymmetricQuantizeInputs: false };

function prepare(node: NodeContext<RNNOptions>, kind: RnnKind): PreparedRnnDirection {
  const input = requireInput(node, 0);
  expectRank(node, input, 2, 'input');
  const [batches, nInput] = input.shape as [number, number];
  node.outputs[0]!.shape = [batches, rnnUnits(node, LAYOUT)];
  return prepareRnnDirection(node, LAYOUT, kind, {
    maxTime: 1, batches, timeMajor: true, nInput, nAux: 0, forward: true, input: 0, auxInput: -1,
    output: 0, outputStride: rnnUnits(node, LAYOUT), outputOffset: 0,
  });
}

function registration(kind: RnnKind): KernelRegistration<RNNOptions, PreparedRnnDirection> {
  return {
    op: BuiltinOp.RNN,
    name: `RNN (${kind === 'float' ? 'float32' : 'hybrid int8 weights'})`,
    parseOptions: (raw) => optionsOrDefault(raw, ['RNNOptions'], DEFAULTS),
    supports: (node) => rnnKind(node, 1) === kind,
    prepare: (node) => prepare(node, kind),
    eval: (node, d) => d.run(node),
    work: recurrentWork,
  };
}

export const RNN_KERNELS = [registration('float'), registration('hybrid')] as const;
