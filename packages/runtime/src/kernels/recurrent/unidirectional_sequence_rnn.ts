/**
 * UNIDIRECTIONAL_SEQUENCE_RNN (TFLite unidirectional_sequence_rnn.cc): a basic RNN over [time, batch, input]
 * (time-major) or [batch, time, input]; the hidden state is a variable tensor. Float and hybrid.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SequenceRNNOptions } from '../../core/options.js';
import { expectRank, requireInput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { prepareRnnDirection, rnnKind, rnnUnits, type PreparedRnnDirection, type RnnKind, type RnnLayout } from './rnn_direction.js';

const LAYOUT: RnnLayout = { weights: 1, recurrent: 2, bias: 3, hidden: 4, auxWeights: -1 };
const DEFAULTS: SequenceRNNOptions = { kind: 'SequenceRNNOptions', timeMajor: false, fusedActivation: 'TANH', asymmetricQuantizeInputs: false };

function prepare(node: NodeContext<SequenceRNNOptions>, kind: RnnKind): PreparedRnnDirection {
  const input = requireInput(node, 0);
  expectRank(node, input, 3, 'input');
  const { timeMajor } = node.options;
  const [d0, d1, nInput] = input.shape as [number, number, number];
  const units = rnnUnits(node, LAYOUT);
  node.outputs[0]!.shape = [d0, d1, units];
  return prepareRnnDirection(node, LAYOUT, kind, {
    maxTime: timeMajor ? d0 : d1, batches: timeMajor ? d1 : d0, timeMajor, nInput, nAux: 0, forward: true,
    input: 0, auxInput: -1, output: 0, outputStride: units, outputOffset: 0,
  });
}

function registration(kind: RnnKind): KernelRegistration<SequenceRNNOptions, PreparedRnnDirection> {
  return {
    op: BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN,
    name: `UNIDIRECTIONAL_SEQUENCE_RNN (${kind === 'float' ? 'float32' : 'hybrid int8 weights'})`,
    parseOptions: (raw) => optionsOrDefault(raw, ['SequenceRNNOptions'], DEFAULTS),
    supports: (node) => rnnKind(node, 1) === kind,
    prepare: (node) => prepare(node, kind),
    eval: (node, d) => d.run(node),
    work: recurrentWork,
  };
}

export const UNIDIRECTIONAL_SEQUENCE_RNN_KERNELS = [registration('float'), registration('hybrid')] as const;
