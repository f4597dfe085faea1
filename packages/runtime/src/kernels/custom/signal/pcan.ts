/**
 * SignalPCAN (uint32): per-channel automatic gain control — a gain from the noise estimate through the
 * int16 LUT (wideDynamicFunction), snr = (signal·gain) >> snr_shift, then the shrink function (TFLM
 * signal/src/pcan_argc_fixed.cc).
 */
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../../common/node_checks.js';
import { pcanShrink, wideDynamicFunction } from './signal_math.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

export const SIGNAL_PCAN_KERNEL = signalKernel('SignalPCAN', {
  dtypes: 'uint32',
  parse: (custom) => ({ snrShift: flexOptions(custom, 'SignalPCAN').int('snr_shift') }),
  prepare(node) {
    const input = requireInput(node, 0), noise = requireInput(node, 1), lut = requireInput(node, 2);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['uint32'], 'input');
    expectDType(node, noise, ['uint32'], 'noise estimate');
    expectDType(node, lut, ['int16'], 'gain LUT');
    expectDType(node, output, ['uint32'], 'output');
    expectRank(node, input, 1, 'input');
    if (noise.shape[0] !== input.shape[0] || input.shape[0]! < 1) throw shapeError(node, 'input and noise estimate must have the same channels');
    if (lut.shape[0]! < 4 * 32 - 6 + 3) throw shapeError(node, `the gain LUT needs ${4 * 32 - 3} entries`);
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    const x = node.inputs[0]!.data as Uint32Array, noise = node.inputs[1]!.data as Uint32Array;
    const lut = node.inputs[2]!.data as Int16Array;
    const out = node.outputs[0]!.data as Uint32Array;
    const shift = BigInt(node.options.snrShift);
    for (let i = 0; i < x.length; i++) {
      const gain = wideDynamicFunction(noise[i]!, lut) >>> 0;
      const snr = Number(BigInt.asUintN(32, (BigInt(x[i]!) * BigInt(gain)) >> shift));
      out[i] = pcanShrink(snr);
    }
  },
});
