/**
 * Options of the recurrent ops (SVDF, RNN, LSTM families), of control flow (IF, WHILE, CALL_ONCE) and of the
 * resource ops (VAR_HANDLE, HASHTABLE) and UNIQUE: field meanings and defaults follow the public TFLite schema.
 */
import type { DType } from './dtype.js';
import type { FusedActivation } from './options.js';

export interface SVDFOptions {
  readonly kind: 'SVDFOptions';
  readonly rank: number;
  readonly fusedActivation: FusedActivation;
  /** Hybrid kernels quantize the float input with a zero point (per batch row) instead of symmetrically. */
  readonly asymmetricQuantizeInputs: boolean;
}

export interface RNNOptions {
  readonly kind: 'RNNOptions';
  readonly fusedActivation: FusedActivation;
  readonly asymmetricQuantizeInputs: boolean;
}

export interface SequenceRNNOptions {
  readonly kind: 'SequenceRNNOptions';
  /** Input [time, batch, …] instead of [batch, time, …]. */
  readonly timeMajor: boolean;
  readonly fusedActivation: FusedActivation;
  readonly asymmetricQuantizeInputs: boolean;
}

export interface BidirectionalSequenceRNNOptions {
  readonly kind: 'BidirectionalSequenceRNNOptions';
  readonly timeMajor: boolean;
  readonly fusedActivation: FusedActivation;
  /** Both directions' outputs concatenated along the last axis of output 0 (and no output 1). */
  readonly mergeOutputs: boolean;
  readonly asymmetricQuantizeInputs: boolean;
}

export type LSTMKernelType = 'FULL' | 'BASIC';

export interface LSTMOptions {
  readonly kind: 'LSTMOptions';
  readonly fusedActivation: FusedActivation;
  /** 0 means no clipping. */
  readonly cellClip: number;
  readonly projClip: number;
  readonly kernelType: LSTMKernelType;
  readonly asymmetricQuantizeInputs: boolean;
}

export interface UnidirectionalSequenceLSTMOptions {
  readonly kind: 'UnidirectionalSequenceLSTMOptions';
  readonly fusedActivation: FusedActivation;
  readonly cellClip: number;
  readonly projClip: number;
  readonly timeMajor: boolean;
  readonly asymmetricQuantizeInputs: boolean;
  /** Recurrent weights are diagonal (given as vectors). */
  readonly diagonalRecurrentTensors: boolean;
}

export interface BidirectionalSequenceLSTMOptions {
  readonly kind: 'BidirectionalSequenceLSTMOptions';
  readonly fusedActivation: FusedActivation;
  readonly cellClip: number;
  readonly projClip: number;
  readonly mergeOutputs: boolean;
  /** Defaults to true (version 1 assumed time-major). */
  readonly timeMajor: boolean;
  readonly asymmetricQuantizeInputs: boolean;
}

export interface IfOptions {
  readonly kind: 'IfOptions';
  readonly thenSubgraphIndex: number;
  readonly elseSubgraphIndex: number;
}

export interface WhileOptions {
  readonly kind: 'WhileOptions';
  readonly condSubgraphIndex: number;
  readonly bodySubgraphIndex: number;
}

export interface CallOnceOptions {
  readonly kind: 'CallOnceOptions';
  readonly initSubgraphIndex: number;
}

export interface VarHandleOptions {
  readonly kind: 'VarHandleOptions';
  readonly container: string;
  readonly sharedName: string;
}

export interface HashtableOptions {
  readonly kind: 'HashtableOptions';
  /** Identifies the table among the model's tables (TFLite keys resources by it). */
  readonly tableId: number;
  readonly keyDtype: DType | null;
  readonly valueDtype: DType | null;
}

export interface UniqueOptions {
  readonly kind: 'UniqueOptions';
  /** dtype of the index output: int32 (default) or int64. */
  readonly idxOutType: DType;
}

export type StatefulOpsOptions =
  | SVDFOptions
  | RNNOptions
  | SequenceRNNOptions
  | BidirectionalSequenceRNNOptions
  | LSTMOptions
  | UnidirectionalSequenceLSTMOptions
  | BidirectionalSequenceLSTMOptions
  | IfOptions
  | WhileOptions
  | CallOnceOptions
  | VarHandleOptions
  | HashtableOptions
  | UniqueOptions;
