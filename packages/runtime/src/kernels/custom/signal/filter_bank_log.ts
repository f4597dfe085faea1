/**
 * SignalFilterBankLog (uint32 → int16): scaled natural log of each channel shifted left by
 * input_correction_bits, capped at 32767; channels of 0 or 1 give 0 (TFLM signal/src/filter_bank_log.cc).
 */
import { expectDType, expectRank, requireInput, requireOutput } from '../../common/node_checks.js';
import { log32 } from './signal_math.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

export const SIGNAL_FILTER_BANK_LOG_KERNEL = signalKernel('SignalFilterBankLog', {
  dtypes: 'uint32 → int16',
  parse: (custom) => {
    const o = flexOptions(custom, 'SignalFilterBankLog');
    return { correctionBits: o.int('input_correction_bits'), outputScale: o.int('output_scale') };
  },
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['uint32'], 'input');
    expectDType(node, output, ['int16'], 'output');
    expectRank(node, input, 1, 'input');
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    const x = node.inputs[0]!.data as Uint32Array;
    const out = node.outputs[0]!.data as Int16Array;
    const { correctionBits, outputScale } = node.options;
    for (let i = 0; i < x.length; i++) {
      const scaled = (x[i]! << correctionBits) >>> 0;
      out[i] = scaled > 1 ? Math.min(log32(scaled, outputScale), 32767) : 0;
    }
  },
});
