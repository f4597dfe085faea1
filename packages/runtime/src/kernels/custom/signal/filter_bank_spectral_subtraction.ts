/**
 * SignalFilterBankSpectralSubtraction (uint32): noise reduction with a running noise estimate per channel
 * (smoothing and alternate smoothing on odd channels, fixed point with smoothing_bits and
 * spectral_subtraction_bits), the signal floored at min_signal_remaining of itself. The estimate is state:
 * it starts at 0 when the interpreter is prepared and carries over from one invoke to the next, as in TFLM;
 * output 1 is a copy of it.
 */
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../../common/node_checks.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

interface Config {
  readonly channels: number;
  readonly smoothing: number;
  readonly oneMinusSmoothing: number;
  readonly alternateSmoothing: number;
  readonly alternateOneMinusSmoothing: number;
  readonly smoothingBits: number;
  readonly subtractionBits: number;
  readonly minSignalRemaining: number;
  readonly clamping: boolean;
}

const U32 = 2 ** 32;

export const SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_KERNEL = signalKernel('SignalFilterBankSpectralSubtraction', {
  dtypes: 'uint32',
  stateful: true,
  parse: (custom): Config => {
    const o = flexOptions(custom, 'SignalFilterBankSpectralSubtraction');
    return {
      channels: o.int('num_channels'), smoothing: o.int('smoothing'), oneMinusSmoothing: o.int('one_minus_smoothing'),
      alternateSmoothing: o.int('alternate_smoothing'), alternateOneMinusSmoothing: o.int('alternate_one_minus_smoothing'),
      smoothingBits: o.int('smoothing_bits'), subtractionBits: o.int('spectral_subtraction_bits'),
      minSignalRemaining: o.int('min_signal_remaining'), clamping: o.bool('clamping'),
    };
  },
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0), noise = requireOutput(node, 1);
    for (const [t, what] of [[input, 'input'], [output, 'output'], [noise, 'noise estimate']] as const) expectDType(node, t, ['uint32'], what);
    expectRank(node, input, 1, 'input');
    if (input.shape[0]! < node.options.channels) throw shapeError(node, `input has fewer than ${node.options.channels} channels`);
    output.shape = [...input.shape];
    noise.shape = [...input.shape];
    return new Uint32Array(node.options.channels);
  },
  eval(node, estimate) {
    const c = node.options;
    const x = node.inputs[0]!.data as Uint32Array;
    const out = node.outputs[0]!.data as Uint32Array;
    const sub = 2 ** c.subtractionBits, smooth = 2 ** c.smoothingBits;
    for (let i = 0; i < c.channels; i++) {
      const odd = (i & 1) === 1;
      const s = odd ? c.alternateSmoothing : c.smoothing;
      const oneMinus = odd ? c.alternateOneMinusSmoothing : c.oneMinusSmoothing;
      const scaled = (x[i]! * smooth) % U32;
      estimate[i] = Math.floor((scaled * s + estimate[i]! * oneMinus) / sub) % U32;
      let est = estimate[i]!;
      if (est > scaled) {
        est = scaled;
        if (c.clamping) estimate[i] = est;
      }
      const floor = Math.floor((x[i]! * c.minSignalRemaining) / sub) % U32;
      const subtracted = Math.floor((scaled - est) / smooth);
      out[i] = subtracted > floor ? subtracted : floor;
    }
    (node.outputs[1]!.data as Uint32Array).set(estimate);
  },
});
