/**
 * BUCKETIZE (float32, float64, int32, int64 → int32): each value's bucket is the number of boundaries ≤ it
 * (std::upper_bound over the sorted float32 boundaries, as TFLite; a value equal to a boundary goes above it).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BucketizeOptions } from '../../core/options.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

export const BUCKETIZE_KERNEL: KernelRegistration<BucketizeOptions, Float64Array> = {
  op: BuiltinOp.BUCKETIZE,
  name: 'BUCKETIZE (reference)',
  parseOptions: (raw) => requireOptions(raw, ['BucketizeOptions']),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32', 'float64', 'int32', 'int64'], 'input');
    expectDType(node, output, ['int32'], 'output');
    const b = node.options.boundaries;
    for (let i = 1; i < b.length; i++) if (!(b[i - 1]! <= b[i]!)) throw shapeError(node, 'boundaries must be sorted');
    output.shape = [...input.shape];
    return Float64Array.from(b);
  },
  eval(node, boundaries) {
    const x = node.inputs[0]!.data;
    const out = node.outputs[0]!.data as Int32Array;
    for (let i = 0; i < out.length; i++) {
      const v = Number(x[i]!);
      let lo = 0, hi = boundaries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (boundaries[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      out[i] = lo;
    }
  },
};
