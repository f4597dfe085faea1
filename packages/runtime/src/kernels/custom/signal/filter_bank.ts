/**
 * SignalFilterBank (uint32 spectrum → uint64 channels): triangular mel filters as TFLM accumulates them —
 * each frequency adds weight·energy to its channel and unweight·energy to the next, channel 0 being scratch.
 * Inputs: spectrum, weights, unweights, channel frequency starts, channel weight starts, channel widths
 * (all int16 but the spectrum); num_channels + 1 entries in the last three.
 */
import { unsigned64 } from '../../../core/dtype.js';
import { TensorError } from '../../../core/errors.js';
import { expectDType, expectRank, nodeLabel, requireInput, requireOutput, shapeError } from '../../common/node_checks.js';
import { signalKernel } from './signal_kernel.js';
import { flexOptions } from '../flex_options.js';

export const SIGNAL_FILTER_BANK_KERNEL = signalKernel('SignalFilterBank', {
  dtypes: 'uint32 → uint64',
  parse: (custom) => ({ channels: flexOptions(custom, 'SignalFilterBank').int('num_channels') }),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['uint32'], 'input');
    expectDType(node, output, ['uint64'], 'output');
    expectRank(node, input, 1, 'input');
    for (let i = 1; i <= 5; i++) {
      const t = requireInput(node, i);
      expectDType(node, t, ['int16'], `input ${i}`);
      expectRank(node, t, 1, `input ${i}`);
    }
    const c = node.options.channels;
    for (let i = 3; i <= 5; i++) if (node.inputs[i]!.shape[0]! < c + 1) throw shapeError(node, `input ${i} needs ${c + 1} entries`);
    output.shape = [c];
    return { label: nodeLabel(node), work: new BigUint64Array(c + 1) };
  },
  eval(node, p) {
    const energy = node.inputs[0]!.data as Uint32Array;
    const [weights, unweights, freqStarts, weightStarts, widths] = [1, 2, 3, 4, 5].map((i) => node.inputs[i]!.data as Int16Array) as [Int16Array, Int16Array, Int16Array, Int16Array, Int16Array];
    const c = node.options.channels;
    let weighted = 0n, unweighted = 0n;
    for (let i = 0; i <= c; i++) {
      const f0 = freqStarts[i]!, w0 = weightStarts[i]!;
      if (f0 < 0 || w0 < 0 || f0 + widths[i]! > energy.length || w0 + widths[i]! > weights.length) {
        throw new TensorError(`${p.label}: channel ${i} reaches outside the spectrum or the weights`);
      }
      for (let j = 0; j < widths[i]!; j++) {
        const e = BigInt(energy[f0 + j]!);
        weighted = BigInt.asUintN(64, weighted + BigInt.asUintN(64, BigInt(weights[w0 + j]!)) * e);
        unweighted = BigInt.asUintN(64, unweighted + BigInt.asUintN(64, BigInt(unweights[w0 + j]!)) * e);
      }
      p.work[i] = weighted;
      weighted = unweighted;
      unweighted = 0n;
    }
    unsigned64(node.outputs[0]!.data).set(p.work.subarray(1));
  },
});
