/** The recurrent kernels: LSTM, RNN and SVDF families (one file family per operator). */
import type { AnyKernel, KernelRegistration } from '../kernel.js';
import { BIDIRECTIONAL_SEQUENCE_LSTM_KERNELS } from './bidirectional_sequence_lstm.js';
import { BIDIRECTIONAL_SEQUENCE_RNN_KERNELS } from './bidirectional_sequence_rnn.js';
import { LSTM_FULL_KERNELS } from './lstm.js';
import { LSTM_BASIC_KERNEL } from './lstm_basic.js';
import { LSTM_BASIC_UINT8_KERNEL } from './lstm_basic_uint8.js';
import { RNN_KERNELS } from './rnn.js';
import { SVDF_FLOAT_KERNEL, SVDF_HYBRID_KERNEL } from './svdf.js';
import { SVDF_INTEGER_KERNEL } from './svdf_integer.js';
import { UNIDIRECTIONAL_SEQUENCE_LSTM_KERNELS } from './unidirectional_sequence_lstm.js';
import { UNIDIRECTIONAL_SEQUENCE_RNN_KERNELS } from './unidirectional_sequence_rnn.js';

/** Each registration's own type parameters are erased here, as the resolver stores them. */
function erase<O, D>(regs: readonly KernelRegistration<O, D>[]): AnyKernel[] {
  return regs.map((r) => r as AnyKernel);
}

export const RECURRENT_KERNELS: readonly AnyKernel[] = [
  ...erase(UNIDIRECTIONAL_SEQUENCE_LSTM_KERNELS),
  ...erase(BIDIRECTIONAL_SEQUENCE_LSTM_KERNELS),
  ...erase(LSTM_FULL_KERNELS),
  ...erase([LSTM_BASIC_KERNEL]),
  ...erase([LSTM_BASIC_UINT8_KERNEL]),
  ...erase(RNN_KERNELS),
  ...erase(UNIDIRECTIONAL_SEQUENCE_RNN_KERNELS),
  ...erase(BIDIRECTIONAL_SEQUENCE_RNN_KERNELS),
  ...erase([SVDF_FLOAT_KERNEL, SVDF_HYBRID_KERNEL]),
  ...erase([SVDF_INTEGER_KERNEL]),
];
