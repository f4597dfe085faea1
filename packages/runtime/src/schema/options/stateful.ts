/**
 * Options of the recurrent ops (SVDF, RNN and LSTM families), control flow (IF, WHILE, CALL_ONCE), resources
 * (VAR_HANDLE, HASHTABLE) and UNIQUE (field ids and defaults from schema.fbs; asymmetric_quantize_inputs and
 * diagonal_recurrent_tensors are later additions at the end of their tables).
 */
import type {
  BidirectionalSequenceLSTMOptions, BidirectionalSequenceRNNOptions, CallOnceOptions, HashtableOptions, IfOptions,
  LSTMKernelType, LSTMOptions, RNNOptions, SequenceRNNOptions, SVDFOptions, UniqueOptions,
  UnidirectionalSequenceLSTMOptions, VarHandleOptions, WhileOptions,
} from '../../core/options.js';
import {
  activationAt, addDtype, boolAt, dtypeField, enumAt, erase, float32At, int32At, scalarTableCodec, type ErasedCodec, type OptionsCodec,
} from './codec.js';

const LSTM_KERNEL_TYPES: readonly LSTMKernelType[] = ['FULL', 'BASIC'];

export const svdf = scalarTableCodec<SVDFOptions>(['SVDFOptions'], 3, {
  rank: int32At(0, 0),
  fusedActivation: activationAt(1),
  asymmetricQuantizeInputs: boolAt(2),
});

export const rnn = scalarTableCodec<RNNOptions>(['RNNOptions'], 2, {
  fusedActivation: activationAt(0),
  asymmetricQuantizeInputs: boolAt(1),
});

export const sequenceRnn = scalarTableCodec<SequenceRNNOptions>(['SequenceRNNOptions'], 3, {
  timeMajor: boolAt(0),
  fusedActivation: activationAt(1),
  asymmetricQuantizeInputs: boolAt(2),
});

export const bidirectionalSequenceRnn = scalarTableCodec<BidirectionalSequenceRNNOptions>(['BidirectionalSequenceRNNOptions'], 4, {
  timeMajor: boolAt(0),
  fusedActivation: activationAt(1),
  mergeOutputs: boolAt(2),
  asymmetricQuantizeInputs: boolAt(3),
});

export const lstm = scalarTableCodec<LSTMOptions>(['LSTMOptions'], 5, {
  fusedActivation: activationAt(0),
  cellClip: float32At(1, 0),
  projClip: float32At(2, 0),
  kernelType: enumAt(3, LSTM_KERNEL_TYPES, 'LSTM kernel type', 'LSTM kernel type'),
  asymmetricQuantizeInputs: boolAt(4),
});

export const unidirectionalSequenceLstm = scalarTableCodec<UnidirectionalSequenceLSTMOptions>(['UnidirectionalSequenceLSTMOptions'], 6, {
  fusedActivation: activationAt(0),
  cellClip: float32At(1, 0),
  projClip: float32At(2, 0),
  timeMajor: boolAt(3),
  asymmetricQuantizeInputs: boolAt(4),
  diagonalRecurrentTensors: boolAt(5),
});

/** time_major defaults to true here (version 1 kernels assumed it). */
export const bidirectionalSequenceLstm = scalarTableCodec<BidirectionalSequenceLSTMOptions>(['BidirectionalSequenceLSTMOptions'], 6, {
  fusedActivation: activationAt(0),
  cellClip: float32At(1, 0),
  projClip: float32At(2, 0),
  mergeOutputs: boolAt(3),
  timeMajor: { read: (t) => t.bool(4, true), write: (b, v) => b.addFieldInt8(4, v ? 1 : 0, 1) },
  asymmetricQuantizeInputs: boolAt(5),
});

export const ifOptions = scalarTableCodec<IfOptions>(['IfOptions'], 2, {
  thenSubgraphIndex: int32At(0, 0),
  elseSubgraphIndex: int32At(1, 0),
});

export const whileOptions = scalarTableCodec<WhileOptions>(['WhileOptions'], 2, {
  condSubgraphIndex: int32At(0, 0),
  bodySubgraphIndex: int32At(1, 0),
});

export const callOnce = scalarTableCodec<CallOnceOptions>(['CallOnceOptions'], 1, { initSubgraphIndex: int32At(0, 0) });

export const varHandle: OptionsCodec<VarHandleOptions> = {
  tables: ['VarHandleOptions'],
  parse: (t) => ({ kind: 'VarHandleOptions', container: t.string(0, 'container') ?? '', sharedName: t.string(1, 'shared_name') ?? '' }),
  write: (b, o) => {
    const container = b.createString(o.container);
    const sharedName = b.createString(o.sharedName);
    b.startObject(2);
    b.addFieldOffset(0, container, 0);
    b.addFieldOffset(1, sharedName, 0);
    return b.endObject();
  },
};

export const hashtable: OptionsCodec<HashtableOptions> = {
  tables: ['HashtableOptions'],
  parse: (t) => ({
    kind: 'HashtableOptions',
    tableId: t.int32(0, 0),
    keyDtype: dtypeField(t, 1, 'key_dtype'),
    valueDtype: dtypeField(t, 2, 'value_dtype'),
  }),
  write: (b, o) => {
    b.startObject(3);
    b.addFieldInt32(0, o.tableId, 0);
    addDtype(b, 1, o.keyDtype);
    addDtype(b, 2, o.valueDtype);
    return b.endObject();
  },
};

export const unique: OptionsCodec<UniqueOptions> = {
  tables: ['UniqueOptions'],
  parse: (t) => ({ kind: 'UniqueOptions', idxOutType: dtypeField(t, 0, 'idx_out_type') ?? 'int32' }),
  write: (b, o) => {
    b.startObject(1);
    addDtype(b, 0, o.idxOutType);
    return b.endObject();
  },
};

export const STATEFUL_OPS_CODECS: readonly ErasedCodec[] = [
  erase(svdf), erase(rnn), erase(sequenceRnn), erase(bidirectionalSequenceRnn), erase(lstm),
  erase(unidirectionalSequenceLstm), erase(bidirectionalSequenceLstm), erase(ifOptions), erase(whileOptions),
  erase(callOnce), erase(varHandle), erase(hashtable), erase(unique),
];
