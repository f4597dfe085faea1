/**
 * BIDIRECTIONAL_SEQUENCE_LSTM (TFLite bidirectional_sequence_lstm.cc): a forward and a backward LSTM over the
 * sequence, each with its own 17 weight tensors and variable states; outputs separate or merged along the last
 * axis; the auxiliary input handled as in the bidirectional RNN. Float and hybrid (TFLite has no integer form).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BidirectionalSequenceLSTMOptions } from '../../core/options.js';
import { expectRank, requireInput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { bidirectionalInputs } from './bidirectional.js';
import { prepareLstmDirection, type PreparedLstmDirection } from './lstm_direction.js';
import { lstmKind, lstmSizes, type LstmLayout } from './lstm_tensors.js';

const FW: LstmLayout = {
  inputWeights: [1, 2, 3, 4], recurrentWeights: [5, 6, 7, 8], peephole: [9, 10, 11], bias: [12, 13, 14, 15],
  projection: 16, projectionBias: 17, outputState: 35, cellState: 36, layerNorm: null, auxWeights: [40, 41, 42, 43],
};
const BW: LstmLayout = {
  inputWeights: [18, 19, 20, 21], recurrentWeights: [22, 23, 24, 25], peephole: [26, 27, 28], bias: [29, 30, 31, 32],
  projection: 33, projectionBias: 34, outputState: 37, cellState: 38, layerNorm: null, auxWeights: [44, 45, 46, 47],
};
const AUX_INPUT = 39;

const DEFAULTS: BidirectionalSequenceLSTMOptions = {
  kind: 'BidirectionalSequenceLSTMOptions', fusedActivation: 'TANH', cellClip: 0, projClip: 0, mergeOutputs: false, timeMajor: true,
  asymmetricQuantizeInputs: false,
};

type Kind = 'float' | 'hybrid';

interface Prepared {
  readonly fw: PreparedLstmDirection;
  readonly bw: PreparedLstmDirection;
}

function prepare(node: NodeContext<BidirectionalSequenceLSTMOptions>, kind: Kind): Prepared {
  const input = requireInput(node, 0);
  expectRank(node, input, 3, 'input');
  const { timeMajor, mergeOutputs } = node.options;
  const [d0, d1, nInput] = input.shape as [number, number, number];
  const [maxTime, batches] = timeMajor ? [d0, d1] : [d1, d0];
  const io = bidirectionalInputs(node, AUX_INPUT, FW.auxWeights![1], nInput);
  const fwOut = lstmSizes(node, FW, batches, nInput, io.nAux).nOutput;
  const bwOut = lstmSizes(node, BW, batches, nInput, io.nAux).nOutput;
  const stride = mergeOutputs ? fwOut + bwOut : fwOut;
  node.outputs[0]!.shape = [d0, d1, stride];
  if (!mergeOutputs) node.outputs[1]!.shape = [d0, d1, bwOut];
  const common = { maxTime, batches, timeMajor, nInput, nAux: io.nAux, auxInput: io.auxInput };
  return {
    fw: prepareLstmDirection(node, FW, kind, { ...common, forward: true, input: 0, output: 0, outputStride: stride, outputOffset: 0 }),
    bw: prepareLstmDirection(node, BW, kind, {
      ...common, forward: false, input: io.backwardInput,
      output: mergeOutputs ? 0 : 1, outputStride: mergeOutputs ? stride : bwOut, outputOffset: mergeOutputs ? fwOut : 0,
    }),
  };
}

function registration(kind: Kind): KernelRegistration<BidirectionalSequenceLSTMOptions, Prepared> {
  return {
    op: BuiltinOp.BIDIRECTIONAL_SEQUENCE_LSTM,
    name: `BIDIRECTIONAL_SEQUENCE_LSTM (${kind === 'float' ? 'float32' : 'hybrid int8 weights'})`,
    parseOptions: (raw) => optionsOrDefault(raw, ['BidirectionalSequenceLSTMOptions'], DEFAULTS),
    supports: (node: NodeSignature) => lstmKind(node.inputs[0], node.inputs[4]) === kind,
    prepare: (node) => prepare(node, kind),
    eval: (node, d) => {
      d.fw.run(node);
      d.bw.run(node);
    },
    work: recurrentWork,
  };
}

export const BIDIRECTIONAL_SEQUENCE_LSTM_KERNELS = [registration('float'), registration('hybrid')] as const;
