/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM (TFLite unidirectional_sequence_lstm.cc): an LSTM over a [time, batch, input]
 * (time-major) or [batch, time, input] sequence, its output and cell state in variable tensors that persist
 * across invokes. Float, hybrid (int8 weights) and fully quantized 8x8_16 variants; peephole, projection, layer
 * norm and CIFG as the tensors present say.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { UnidirectionalSequenceLSTMOptions } from '../../core/options.js';
import { optionsOrDefault } from '../common/options.js';
import { recurrentWork } from '../common/work.js';
import { shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { prepareLstmDirection, type LstmKind, type PreparedLstmDirection } from './lstm_direction.js';
import { lstmKind, lstmSizes, UNIDIRECTIONAL_LAYOUT } from './lstm_tensors.js';

/** The schema's defaults; TFLite's converters always write the options. */
export const UNIDIRECTIONAL_SEQUENCE_LSTM_DEFAULTS: UnidirectionalSequenceLSTMOptions = {
  kind: 'UnidirectionalSequenceLSTMOptions',
  fusedActivation: 'TANH',
  cellClip: 0,
  projClip: 0,
  timeMajor: false,
  asymmetricQuantizeInputs: false,
  diagonalRecurrentTensors: false,
};

type Node = NodeContext<UnidirectionalSequenceLSTMOptions>;

function prepare(node: Node, kind: LstmKind): PreparedLstmDirection {
  const input = node.inputs[0];
  if (!input || (input.shape.length !== 3 && input.shape.length !== 2)) {
    throw shapeError(node, `input must be rank 2 or 3, got ${input ? `[${input.shape.join(',')}]` : 'none'}`);
  }
  if (node.options.diagonalRecurrentTensors) throw shapeError(node, 'diagonal recurrent weights are not supported');
  const rank3 = input.shape.length === 3;
  const { timeMajor } = node.options;
  const maxTime = rank3 ? input.shape[timeMajor ? 0 : 1]! : 1;
  const batches = rank3 ? input.shape[timeMajor ? 1 : 0]! : input.shape[0]!;
  const nInput = input.shape[input.shape.length - 1]!;
  const { nOutput } = lstmSizes(node, UNIDIRECTIONAL_LAYOUT, batches, nInput, 0);
  const output = node.outputs[0]!;
  output.shape = [...input.shape.slice(0, -1), nOutput];
  return prepareLstmDirection(node, UNIDIRECTIONAL_LAYOUT, kind, {
    maxTime, batches, timeMajor, nInput, nAux: 0, forward: true, input: 0, output: 0, outputStride: nOutput, outputOffset: 0, auxInput: -1,
  });
}

function registration(kind: LstmKind, label: string): KernelRegistration<UnidirectionalSequenceLSTMOptions, PreparedLstmDirection> {
  return {
    op: BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM,
    name: `UNIDIRECTIONAL_SEQUENCE_LSTM (${label})`,
    parseOptions: (raw) => optionsOrDefault(raw, ['UnidirectionalSequenceLSTMOptions'], UNIDIRECTIONAL_SEQUENCE_LSTM_DEFAULTS),
    supports: (node: NodeSignature) => lstmKind(node.inputs[0], node.inputs[4]) === kind,
    prepare: (node) => prepare(node, kind),
    eval: (node, d) => d.run(node),
    work: recurrentWork,
  };
}

export const UNIDIRECTIONAL_SEQUENCE_LSTM_KERNELS = [
  registration('float', 'float32'),
  registration('hybrid', 'hybrid int8 weights'),
  registration('integer', 'int8x8_16'),
] as const;
