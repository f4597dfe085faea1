/**
 * BIDIRECTIONAL_SEQUENCE_RNN (TFLite bidirectional_sequence_rnn.cc): a forward and a backward basic RNN over the
 * sequence, each with its own weights and variable hidden state; outputs separate, or merged along the last
 * axis of output 0. As in TFLite, an auxiliary input without auxiliary weights is the backward pass's input
 * (stacking without cross links); with auxiliary weights both passes add it (cross-linked stacking).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BidirectionalSequenceRNNOptions } from '../../core/options.js';
import { expectRank, requireInput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { prepareRnnDirection, rnnKind, rnnUnits, type PreparedRnnDirection, type RnnKind, type RnnLayout } from './rnn_direction.js';
import { bidirectionalInputs } from './bidirectional.js';

const FW: RnnLayout = { weights: 1, recurrent: 2, bias: 3, hidden: 4, auxWeights: 10 };
const BW: RnnLayout = { weights: 5, recurrent: 6, bias: 7, hidden: 8, auxWeights: 11 };
const AUX_INPUT = 9;
const DEFAULTS: BidirectionalSequenceRNNOptions = {
  kind: 'BidirectionalSequenceRNNOptions', timeMajor: false, fusedActivation: 'TANH', mergeOutputs: false, asymmetricQuantizeInputs: false,
};

interface Prepared {
  readonly fw: PreparedRnnDirection;
  readonly bw: PreparedRnnDirection;
}

function prepare(node: NodeContext<BidirectionalSequenceRNNOptions>, kind: RnnKind): Prepared {
  const input = requireInput(node, 0);
  expectRank(node, input, 3, 'input');
  const { timeMajor, mergeOutputs } = node.options;
  const [d0, d1, nInput] = input.shape as [number, number, number];
  const [maxTime, batches] = timeMajor ? [d0, d1] : [d1, d0];
  const fwUnits = rnnUnits(node, FW);
  const bwUnits = rnnUnits(node, BW);
  const io = bidirectionalInputs(node, AUX_INPUT, FW.auxWeights, nInput);
  const stride = mergeOutputs ? fwUnits + bwUnits : fwUnits;
  node.outputs[0]!.shape = [d0, d1, stride];
  // TFLite shapes the separate backward output [batch, time, units] even when time-major (its values are
  // written time-major all the same); we report the shape TFLite reports.
  if (!mergeOutputs) node.outputs[1]!.shape = [batches, maxTime, bwUnits];
  const common = { maxTime, batches, timeMajor, nInput, nAux: io.nAux, auxInput: io.auxInput };
  return {
    fw: prepareRnnDirection(node, FW, kind, { ...common, forward: true, input: 0, output: 0, outputStride: stride, outputOffset: 0 }),
    // TFLite's batch-major loop reads the backward sequence from `input` even when stacking gives it the
    // auxiliary input (only its time-major loop reads the auxiliary input); we do the same.
    bw: prepareRnnDirection(node, BW, kind, {
      ...common, forward: false, input: timeMajor ? io.backwardInput : 0,
      output: mergeOutputs ? 0 : 1, outputStride: mergeOutputs ? stride : bwUnits, outputOffset: mergeOutputs ? fwUnits : 0,
    }),
  };
}

function registration(kind: RnnKind): KernelRegistration<BidirectionalSequenceRNNOptions, Prepared> {
  return {
    op: BuiltinOp.BIDIRECTIONAL_SEQUENCE_RNN,
    name: `BIDIRECTIONAL_SEQUENCE_RNN (${kind === 'float' ? 'float32' : 'hybrid int8 weights'})`,
    parseOptions: (raw) => optionsOrDefault(raw, ['BidirectionalSequenceRNNOptions'], DEFAULTS),
    supports: (node) => rnnKind(node, 1) === kind,
    prepare: (node) => prepare(node, kind),
    eval: (node, d) => {
      d.fw.run(node);
      d.bw.run(node);
    },
    work: recurrentWork,
  };
}

export const BIDIRECTIONAL_SEQUENCE_RNN_KERNELS = [registration('float'), registration('hybrid')] as const;
