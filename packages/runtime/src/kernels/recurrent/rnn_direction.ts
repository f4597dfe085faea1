/**
 * A basic RNN over a sequence in one direction (RNN, UNIDIRECTIONAL_SEQUENCE_RNN and each direction of
 * BIDIRECTIONAL_SEQUENCE_RNN): the weights for the node's kind, checked against each other, and the step order
 * — all batches per time step when time-major, else one batch row at a time with its own hidden-state row.
 */
import type { FusedActivation } from '../../core/options.js';
import { isHybridWeight } from '../common/hybrid.js';
import { hybridMatrix, type HybridMatrix } from '../common/lstm_cell_hybrid.js';
import { expectDType, shapeError, unsupported } from '../common/node_checks.js';
import { activationFunction } from '../common/recurrent_float.js';
import { rnnScratch, rnnStep, type RnnSizes, type RnnStepIo, type RnnWeights } from '../common/rnn_cell.js';
import type { NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { sequenceSteps, type SequenceGeometry } from './sequence_steps.js';

/** Input indices of one direction's tensors. */
export interface RnnLayout {
  readonly weights: number;
  readonly recurrent: number;
  readonly bias: number;
  readonly hidden: number;
  /** Auxiliary input weights (bidirectional), or -1. */
  readonly auxWeights: number;
}

export type RnnGeometry = SequenceGeometry;

export type RnnKind = 'float' | 'hybrid';

/** float when input and weights are float32, hybrid with constant int8 weights. */
export function rnnKind(node: NodeSignature, weights: number): RnnKind | null {
  if (node.inputs[0]?.dtype !== 'float32') return null;
  const w = node.inputs[weights];
  if (w?.dtype === 'float32') return 'float';
  return isHybridWeight(w) ? 'hybrid' : null;
}

function tensor(node: NodeContext<unknown>, i: number, what: string): RuntimeTensor {
  const t = i >= 0 ? node.inputs[i] : null;
  if (!t) throw shapeError(node, `${what} (input ${i}) is missing`);
  return t;
}

function matrix(node: NodeContext<unknown>, t: RuntimeTensor, rows: number, cols: number, kind: RnnKind, what: string): Float32Array | HybridMatrix {
  if (t.shape.length !== 2 || t.shape[0] !== rows || t.shape[1] !== cols) {
    throw shapeError(node, `${what} '${t.name}' has shape [${t.shape.join(',')}], expected [${rows},${cols}]`);
  }
  if (kind === 'float') {
    expectDType(node, t, ['float32'], what);
    return t.data as Float32Array;
  }
  if (!isHybridWeight(t)) throw unsupported(node, `${what} '${t.name}' must be constant int8 with a scale`);
  return hybridMatrix(t.data as Int8Array, Math.fround(t.quantization!.scale[0]!), rows, cols);
}

function weightsOf(node: NodeContext<{ readonly asymmetricQuantizeInputs: boolean }>, l: RnnLayout, kind: RnnKind, s: RnnSizes): RnnWeights {
  const input = matrix(node, tensor(node, l.weights, 'input weights'), s.units, s.nInput, kind, 'input weights');
  const recurrent = matrix(node, tensor(node, l.recurrent, 'recurrent weights'), s.units, s.units, kind, 'recurrent weights');
  const aux = s.nAux > 0 && l.auxWeights >= 0 ? matrix(node, tensor(node, l.auxWeights, 'aux weights'), s.units, s.nAux, kind, 'aux input weights') : null;
  const biasT = tensor(node, l.bias, 'bias');
  expectDType(node, biasT, ['float32'], 'bias');
  if (biasT.shape.length !== 1 || biasT.shape[0] !== s.units) throw shapeError(node, `bias must be [${s.units}], got [${biasT.shape.join(',')}]`);
  const bias = biasT.data as Float32Array;
  if (kind === 'float') return { kind, input: input as Float32Array, aux: aux as Float32Array | null, recurrent: recurrent as Float32Array, bias };
  return { kind, input: input as HybridMatrix, aux: aux as HybridMatrix | null, recurrent: recurrent as HybridMatrix, bias, asymmetric: node.options.asymmetricQuantizeInputs };
}

/** Units of this direction (rows of its input weights). */
export function rnnUnits(node: NodeContext<unknown>, l: RnnLayout): number {
  const w = tensor(node, l.weights, 'input weights');
  if (w.shape.length !== 2) throw shapeError(node, `input weights must be rank 2, got [${w.shape.join(',')}]`);
  return w.shape[0]!;
}

export interface PreparedRnnDirection {
  run(node: NodeContext<unknown>): void;
}

type RnnNode = NodeContext<{ readonly fusedActivation: FusedActivation; readonly asymmetricQuantizeInputs: boolean }>;

export function prepareRnnDirection(node: RnnNode, l: RnnLayout, kind: RnnKind, g: RnnGeometry): PreparedRnnDirection {
  const units = rnnUnits(node, l);
  const full: RnnSizes = { batches: g.batches, nInput: g.nInput, nAux: g.nAux, units };
  const s: RnnSizes = g.timeMajor ? full : { ...full, batches: 1 };
  const w = weightsOf(node, l, kind, full);
  const hiddenT = tensor(node, l.hidden, 'hidden state');
  if (hiddenT.shape.reduce((a, b) => a * b, 1) !== g.batches * units) {
    throw shapeError(node, `hidden state '${hiddenT.name}' must hold ${g.batches}×${units} values`);
  }
  const act = activationFunction(node.options.fusedActivation);
  const scratch = rnnScratch(s);
  const steps = sequenceSteps(g);
  const none = new Float32Array(0);
  const io: RnnStepIo = { input: none, inputAt: 0, aux: null, auxAt: 0, hidden: none, hiddenAt: 0, output: none, outputAt: 0, outputStride: g.outputStride };
  return {
    run: (n) => {
      io.input = n.inputs[g.input]!.data as Float32Array;
      io.aux = g.auxInput >= 0 ? ((n.inputs[g.auxInput]?.data as Float32Array | undefined) ?? null) : null;
      io.hidden = n.inputs[l.hidden]!.data as Float32Array;
      io.output = n.outputs[g.output]!.data as Float32Array;
      for (const st of steps) {
        io.inputAt = st.row * g.nInput;
        io.auxAt = st.row * g.nAux;
        io.hiddenAt = st.stateBatch * units;
        io.outputAt = st.row * g.outputStride + g.outputOffset;
        rnnStep(w, s, act, io, scratch);
      }
    },
  };
}
