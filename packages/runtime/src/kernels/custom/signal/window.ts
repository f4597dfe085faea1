/**
 * SignalWindow (int16): each frame (the length of the int16 window) is multiplied by the window and shifted
 * right by `shift`, saturating to int16 (TFLM signal/src/window.cc).
 */
import { expectDType, requireInput, requireOutput, shapeError } from '../../common/node_checks.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

export const SIGNAL_WINDOW_KERNEL = signalKernel('SignalWindow', {
  dtypes: 'int16',
  parse: (custom) => ({ shift: flexOptions(custom, 'SignalWindow').int('shift') }),
  prepare(node) {
    const input = requireInput(node, 0), weights = requireInput(node, 1);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'input'], [weights, 'window'], [output, 'output']] as const) expectDType(node, t, ['int16'], what);
    const size = weights.shape.length === 1 ? weights.shape[0]! : -1;
    const count = input.shape.reduce((a, d) => a * d, 1);
    if (size < 1 || count % size !== 0) throw shapeError(node, `the window of ${size} does not tile the input of ${count}`);
    output.shape = [...input.shape];
    return size;
  },
  eval(node, size) {
    const x = node.inputs[0]!.data as Int16Array, w = node.inputs[1]!.data as Int16Array;
    const out = node.outputs[0]!.data as Int16Array;
    const shift = node.options.shift;
    for (let i = 0; i < x.length; i++) {
      const raw = (x[i]! * w[i % size]!) >> shift;
      out[i] = raw < -32768 ? -32768 : raw > 32767 ? 32767 : raw;
    }
  },
});
