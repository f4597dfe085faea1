/** SignalFilterBankSquareRoot (uint64 → uint32): the rounded integer square root, shifted right by input 1's bits. */
import { unsigned64 } from '../../../core/dtype.js';
import { expectDType, expectRank, requireInput, requireOutput } from '../../common/node_checks.js';
import { sqrt64 } from './signal_math.js';
import { signalKernel } from './signal_kernel.js';

export const SIGNAL_FILTER_BANK_SQUARE_ROOT_KERNEL = signalKernel('SignalFilterBankSquareRoot', {
  dtypes: 'uint64 → uint32',
  parse: () => null,
  prepare(node) {
    const input = requireInput(node, 0), bits = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['uint64'], 'input');
    expectDType(node, bits, ['int32'], 'scale bits');
    expectDType(node, output, ['uint32'], 'output');
    expectRank(node, input, 1, 'input');
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    const x = unsigned64(node.inputs[0]!.data);
    const shift = (node.inputs[1]!.data as Int32Array)[0]!;
    const out = node.outputs[0]!.data as Uint32Array;
    for (let i = 0; i < x.length; i++) out[i] = sqrt64(x[i]!) >>> shift;
  },
});
