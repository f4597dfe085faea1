/**
 * SignalFftAutoScale (int16): shifts the frame left by the headroom of its largest magnitude (16 − msb − 1
 * bits, at least 0) so the fixed-point FFT keeps its precision; output 1 is that shift (int32 scalar).
 */
import { expectDType, expectRank, requireInput, requireOutput } from '../../common/node_checks.js';
import { msb32 } from './signal_math.js';
import { signalKernel } from './signal_kernel.js';

export const SIGNAL_FFT_AUTO_SCALE_KERNEL = signalKernel('SignalFftAutoScale', {
  dtypes: 'int16',
  parse: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0), scale = requireOutput(node, 1);
    expectDType(node, input, ['int16'], 'input');
    expectDType(node, output, ['int16'], 'output');
    expectDType(node, scale, ['int32'], 'scale bits');
    expectRank(node, input, 1, 'input');
    output.shape = [...input.shape];
    scale.shape = [];
    return null;
  },
  eval(node) {
    const x = node.inputs[0]!.data as Int16Array;
    const out = node.outputs[0]!.data as Int16Array;
    // MaxAbs16 as C runs it: -v compares as an int but is stored back as an int16 (−(−32768) wraps).
    let max = 0;
    for (const v of x) {
      if (v > max) max = v;
      else if (-v > max) max = (-v << 16) >> 16;
    }
    const bits = Math.max(0, 16 - msb32(max >>> 0) - 1);
    for (let i = 0; i < x.length; i++) out[i] = x[i]! * (1 << bits);
    (node.outputs[1]!.data as Int32Array)[0] = bits;
  },
});
