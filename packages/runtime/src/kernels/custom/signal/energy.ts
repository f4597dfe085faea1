/**
 * SignalEnergy (int16 complex pairs → uint32): re² + im² of bins start_index … end_index − 1; TFLM leaves
 * the other bins unwritten, here they are 0.
 */
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../../common/node_checks.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

export const SIGNAL_ENERGY_KERNEL = signalKernel('SignalEnergy', {
  dtypes: 'int16 → uint32',
  parse: (custom) => {
    const o = flexOptions(custom, 'SignalEnergy');
    return { start: o.int('start_index'), end: o.int('end_index') };
  },
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['int16'], 'input');
    expectDType(node, output, ['uint32'], 'output');
    expectRank(node, input, 1, 'input');
    const bins = Math.floor(input.shape[0]! / 2);
    const { start, end } = node.options;
    if (start < 0 || end < start || end > bins) throw shapeError(node, `bins [${start}, ${end}) are outside the ${bins} of the input`);
    output.shape = [bins];
    return null;
  },
  eval(node) {
    const x = node.inputs[0]!.data as Int16Array;
    const out = node.outputs[0]!.data as Uint32Array;
    out.fill(0);
    for (let i = node.options.start; i < node.options.end; i++) out[i] = x[2 * i]! * x[2 * i]! + x[2 * i + 1]! * x[2 * i + 1]!;
  },
});
