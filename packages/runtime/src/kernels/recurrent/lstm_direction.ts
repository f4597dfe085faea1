/**
 * One direction of an LSTM over a sequence: prepares the weights for the node's kind (float, hybrid, integer)
 * and the order of steps — time-major (all batches per step) or batch-major (one batch row at a time, its
 * state rows offset), forward or backward — then runs the cell step by step. LSTM, UNIDIRECTIONAL_SEQUENCE_LSTM
 * and each direction of BIDIRECTIONAL_SEQUENCE_LSTM are this with different layouts and geometry.
 */
import type { TypedArray } from '../../core/dtype.js';
import { floatLstmScratch, lstmStepFloat, type LstmClips, type LstmSizes, type LstmStepIo } from '../common/lstm_cell_float.js';
import { hybridLstmScratch, lstmStepHybrid } from '../common/lstm_cell_hybrid.js';
import { integerLstmScratch, lstmStepInteger } from '../common/lstm_cell_integer.js';
import type { NodeContext } from '../kernel.js';
import { integerLstmWeights } from './lstm_integer_params.js';
import { floatLstmWeights, hybridLstmWeights, lstmSizes, type LstmLayout } from './lstm_tensors.js';
import { sequenceSteps, type SequenceGeometry, type SequenceStep as Step } from './sequence_steps.js';

export type LstmKind = 'float' | 'hybrid' | 'integer';

export type LstmGeometry = SequenceGeometry;

export interface PreparedLstmDirection {
  run(node: NodeContext<unknown>): void;
}

type LstmNode = NodeContext<LstmClips & { readonly asymmetricQuantizeInputs: boolean }>;

type MutableIo<T> = { -readonly [K in keyof LstmStepIo<T>]: LstmStepIo<T>[K] };

/**
 * The step's reads and writes: one record per direction, refilled at each step (tensor data is re-read every
 * eval, since the arena's views may have been rebuilt), so eval allocates nothing.
 */
class StepIo<T extends TypedArray> {
  readonly io: MutableIo<T>;

  constructor(private readonly layout: LstmLayout, private readonly g: LstmGeometry, private readonly s: LstmSizes) {
    const none = new Float32Array(0) as unknown as T;
    this.io = {
      input: none, inputAt: 0, aux: null, auxAt: 0, outputState: none, outputStateAt: 0, cellState: none, cellStateAt: 0,
      output: none, outputAt: 0, outputStride: g.outputStride,
    };
  }

  /** Points the record at the node's current tensors. */
  bind(node: NodeContext<unknown>): void {
    const io = this.io;
    io.input = node.inputs[this.g.input]!.data as T;
    io.aux = this.g.auxInput >= 0 ? ((node.inputs[this.g.auxInput]?.data as T | undefined) ?? null) : null;
    io.outputState = node.inputs[this.layout.outputState]!.data as T;
    io.cellState = node.inputs[this.layout.cellState]!.data as T;
    io.output = node.outputs[this.g.output]!.data as T;
  }

  at(step: Step): LstmStepIo<T> {
    const { io, s, g } = this;
    io.inputAt = step.row * s.nInput;
    io.auxAt = step.row * s.nAux;
    io.outputStateAt = step.stateBatch * s.nOutput;
    io.cellStateAt = step.stateBatch * s.nCell;
    io.outputAt = step.row * g.outputStride + g.outputOffset;
    return io;
  }
}

export function prepareLstmDirection(node: LstmNode, layout: LstmLayout, kind: LstmKind, g: LstmGeometry): PreparedLstmDirection {
  const full = lstmSizes(node, layout, g.batches, g.nInput, g.nAux);
  const s: LstmSizes = g.timeMajor ? full : { ...full, batches: 1 };
  const steps = sequenceSteps(g);
  const clips = node.options;
  if (kind === 'float') {
    const w = floatLstmWeights(node, layout, g.nAux > 0);
    const scratch = floatLstmScratch(s);
    const io = new StepIo<Float32Array>(layout, g, s);
    return {
      run: (n) => {
        io.bind(n);
        for (const st of steps) lstmStepFloat(w, s, clips, io.at(st), scratch);
      },
    };
  }
  if (kind === 'hybrid') {
    const w = hybridLstmWeights(node, layout, g.nAux > 0, node.options.asymmetricQuantizeInputs);
    const scratch = hybridLstmScratch(s);
    const io = new StepIo<Float32Array>(layout, g, s);
    return {
      run: (n) => {
        io.bind(n);
        for (const st of steps) lstmStepHybrid(w, s, clips, io.at(st), scratch);
      },
    };
  }
  const w = integerLstmWeights(node, layout, full, node.outputs[g.output]!);
  const scratch = integerLstmScratch(s);
  const io = new StepIo<Int8Array>(layout, g, s);
  return {
    run: (n) => {
      io.bind(n);
      const cell = n.inputs[layout.cellState]!.data as Int16Array;
      for (const st of steps) lstmStepInteger(w, s, io.at(st), cell, scratch);
    },
  };
}
