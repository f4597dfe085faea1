/**
 * SignalRfft (int16, T = INT16): the fixed-point real FFT of each input row, zero-padded to fft_length;
 * output rows are fft_length/2 + 1 complex bins as interleaved int16 pairs (KISS FFT, kiss_fft_int16.ts).
 * TFLM's int32 and float32 variants are refused.
 */
import { expectDType, requireInput, requireOutput, shapeError, unsupported } from '../../common/node_checks.js';
import { KissFftr16 } from './kiss_fft_int16.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

const TENSOR_TYPE_INT16 = 7;

interface Plan {
  readonly fft: KissFftr16;
  readonly rowIn: number;
  readonly rowOut: number;
  readonly frame: Int16Array;
  readonly bins: Int16Array;
}

export const SIGNAL_RFFT_KERNEL = signalKernel('SignalRfft', {
  dtypes: 'int16',
  parse: (custom) => {
    const o = flexOptions(custom, 'SignalRfft');
    return { type: o.int('T'), fftLength: o.int('fft_length') };
  },
  prepare(node): Plan {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    if (node.options.type !== TENSOR_TYPE_INT16) throw unsupported(node, `T ${node.options.type}: only the int16 FFT is supported`);
    expectDType(node, input, ['int16'], 'input');
    expectDType(node, output, ['int16'], 'output');
    const n = node.options.fftLength;
    const rank = input.shape.length;
    const rowIn = input.shape[rank - 1] ?? 0;
    if (rank < 1 || rowIn > n) throw shapeError(node, `input rows of ${rowIn} do not fit fft_length ${n}`);
    output.shape = [...input.shape.slice(0, -1), n + 2];
    return { fft: new KissFftr16(n), rowIn, rowOut: n + 2, frame: new Int16Array(n), bins: new Int16Array(n + 2) };
  },
  eval(node, p) {
    const x = node.inputs[0]!.data as Int16Array;
    const out = node.outputs[0]!.data as Int16Array;
    for (let r = 0; r * p.rowIn < x.length; r++) {
      p.frame.fill(0);
      p.frame.set(x.subarray(r * p.rowIn, (r + 1) * p.rowIn));
      p.fft.forward(p.frame, p.bins);
      out.set(p.bins, r * p.rowOut);
    }
  },
});
