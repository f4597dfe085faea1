/**
 * Translators of the sequence layers: LSTM, GRU, SimpleRNN, RNN of one such cell, Bidirectional (two
 * directions, then the merge), TimeDistributed (translate_time_distributed.ts) and Embedding (GATHER).
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { Emit, Translator } from './layers_to_ir.js';
import { single } from './layout.js';
import { timeDistributed } from './translate_time_distributed.js';
import { ConversionError, type LayerRecord } from './read_layers.js';
import { cellSpec, runDirection, type CellKind, type CellSpec } from './recurrent_cells.js';
import { SequenceOps } from './sequence_ops.js';

/** The [1, T, n] sequence a recurrent layer reads (a rank-3 input with a known length). */
function sequenceInput(layer: LayerRecord, inputs: number[], e: Emit): number {
  const x = single(layer, inputs);
  const shape = e.shapeOf(x);
  if (shape.length !== 3) throw new ConversionError(`layer '${layer.name}' (${layer.className}) reads a rank-${shape.length} tensor [${shape.join(',')}], expected [batch, time, features]`);
  return x;
}

/** One recurrent layer: its sequence (return_sequences) or its last output, go_backwards honoured. */
function runLayer(layer: LayerRecord, spec: CellSpec, inputs: number[], e: Emit): number {
  const out = runDirection(new SequenceOps(e, layer), spec, sequenceInput(layer, inputs, e), spec.goBackwards);
  return spec.returnSequences ? out.sequence() : out.last();
}

function recurrent(kind: CellKind): Translator {
  return (layer, inputs, e) => runLayer(layer, cellSpec(layer, kind, layer.config), inputs, e);
}

const CELLS: Record<string, CellKind> = { LSTM: 'LSTM', GRU: 'GRU', SimpleRNN: 'SimpleRNN' };
const CELL_CLASSES: Record<string, CellKind> = { LSTMCell: 'LSTM', GRUCell: 'GRU', SimpleRNNCell: 'SimpleRNN' };

/** The generic RNN layer around one LSTMCell, GRUCell or SimpleRNNCell: the matching layer's lowering. */
const genericRnn: Translator = (layer, inputs, e) => {
  const cell = layer.config.cell as { className?: string; config?: Record<string, unknown> } | undefined;
  const kind = cell?.className ? CELL_CLASSES[cell.className] : undefined;
  if (!cell?.config || !kind) {
    throw new ConversionError(`layer '${layer.name}' (RNN) runs a ${cell?.className ?? 'missing'} cell; only one LSTMCell, GRUCell or SimpleRNNCell converts (stacked cells: one RNN layer per cell)`);
  }
  const { returnSequences, returnState, goBackwards, stateful } = layer.config;
  return runLayer(layer, cellSpec(layer, kind, { ...cell.config, returnSequences, returnState, goBackwards, stateful }), inputs, e);
};

/** Keras Bidirectional: the backward copy reads the sequence reversed and its sequence output is reversed back. */
const bidirectional: Translator = (layer, inputs, e) => {
  const inner = layer.config.layer as { className?: string; config?: Record<string, unknown> } | undefined;
  const kind = inner?.className ? CELLS[inner.className] : undefined;
  if (!inner?.config || !kind) throw new ConversionError(`layer '${layer.name}' (Bidirectional) wraps ${inner?.className ?? 'nothing'}; only LSTM, GRU and SimpleRNN convert`);
  const mergeMode = layer.config.mergeMode as string | null | undefined;
  if (!mergeMode) throw new ConversionError(`layer '${layer.name}' (Bidirectional): mergeMode null (two outputs) is not supported`);
  const x = sequenceInput(layer, inputs, e);
  const forwardSpec = cellSpec(layer, kind, inner.config, 'forward/');
  const backwardSpec = cellSpec(layer, kind, inner.config, 'backward/');
  const forward = runDirection(new SequenceOps(e, layer, `${layer.name}/forward`), forwardSpec, x, forwardSpec.goBackwards);
  const backOps = new SequenceOps(e, layer, `${layer.name}/backward`);
  const backward = runDirection(backOps, backwardSpec, x, !backwardSpec.goBackwards);
  const ops = new SequenceOps(e, layer);
  const [a, b] = forwardSpec.returnSequences ? [forward.sequence(), backOps.reverseTime(backward.sequence())] : [forward.last(), backward.last()];
  switch (mergeMode) {
    case 'concat':
      return ops.concatLast([a, b]);
    case 'sum':
      return ops.add(a, b);
    case 'mul':
      return ops.mul(a, b);
    case 'ave':
      return ops.mul(ops.add(a, b), ops.scalar(0.5));
    default:
      throw new ConversionError(`layer '${layer.name}' (Bidirectional): mergeMode '${mergeMode}' is not supported (concat, sum, mul, ave)`);
  }
};

/** Embedding → GATHER of the ids' rows; float ids (a TF.js input fed elsewhere too) are CAST to int32 first. */
const embedding: Translator = (layer, inputs, e) => {
  if (layer.config.maskZero === true) {
    throw new ConversionError(`layer '${layer.name}' (Embedding): mask_zero=true is not supported (TFLite's sequence ops take no mask); convert a copy with maskZero false`);
  }
  const table = layer.weights.get('embeddings');
  if (!table) throw new ConversionError(`layer '${layer.name}' (Embedding) has no embeddings weight`);
  let ids = single(layer, inputs);
  const ops = new SequenceOps(e, layer);
  if (e.dtypeOf(ids) !== 'int32') {
    const cast = e.tensor(`${layer.name}/ids`, [...e.shapeOf(ids)], layer.name, 'int32');
    e.op({ kind: 'builtin', opcode: BuiltinOp.CAST, inputs: [ids], output: cast, options: { kind: 'CastOptions', inDataType: 'float32', outDataType: 'int32' } });
    ids = cast;
  }
  const params = ops.floatConst('embeddings', table.data, table.shape);
  return ops.builtin(BuiltinOp.GATHER, [params, ids], [...e.shapeOf(ids), table.shape[1]], { kind: 'GatherOptions', axis: 0, batchDims: 0 });
};

export const SEQUENCE_TRANSLATORS: Record<string, Translator> = {
  Embedding: embedding,
  LSTM: recurrent('LSTM'),
  GRU: recurrent('GRU'),
  SimpleRNN: recurrent('SimpleRNN'),
  RNN: genericRnn,
  Bidirectional: bidirectional,
  TimeDistributed: timeDistributed,
};
