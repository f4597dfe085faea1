/**
 * MULTINOMIAL (float32 logits [batch, classes], int32 num_samples → int32 or int64 class ids
 * [batch, num_samples]) as TFLite samples it: per row, an unnormalised CDF of exp(logit − max) over the
 * finite logits (in double); each sample is the upper bound of u·total in it, u a double from two Philox
 * words. Each invoke draws from a copy of the generator and then skips the original ahead by
 * batch·⌈samples/4⌉·4·2·256 calls, as TensorFlow's op does, so successive invokes differ.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { RandomOptions } from '../../core/options.js';
import { intValues } from '../common/const_values.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { uint64ToDouble, type Philox } from '../common/philox.js';
import { parseRandomOptions, seededPhilox } from '../common/random_kernel.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

interface Plan {
  readonly rng: Philox;
  readonly batch: number;
  readonly classes: number;
  readonly samples: number;
  readonly cdf: Float64Array;
}

function upperBound(cdf: Float64Array, x: number): number {
  let lo = 0, hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sampleCount(node: NodeContext<RandomOptions>): number {
  const samples = intValues(node, node.inputs[1]!, 'num_samples')[0]!;
  if (samples < 0) throw shapeError(node, `num_samples ${samples} is negative`);
  return samples;
}

export const MULTINOMIAL_KERNEL: KernelRegistration<RandomOptions, Plan> = {
  op: BuiltinOp.MULTINOMIAL,
  name: 'MULTINOMIAL (float32 logits, reference)',
  parseOptions: parseRandomOptions,
  stateful: true,
  prepare(node) {
    const logits = requireInput(node, 0), count = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, logits, ['float32'], 'logits');
    expectDType(node, count, ['int32'], 'num_samples');
    expectDType(node, output, ['int32', 'int64'], 'output');
    expectRank(node, logits, 2, 'logits');
    const [batch, classes] = logits.shape as [number, number];
    if (classes < 1) throw shapeError(node, 'logits need at least one class');
    if (count.shape.length !== 0) throw shapeError(node, 'num_samples must be a scalar');
    // num_samples computed at run time makes the output dynamic, sized at each eval (as TFLite does).
    const samples = count.isConstant ? sampleCount(node) : -1;
    if (samples < 0) node.markOutputDynamic(0);
    else output.shape = [batch, samples];
    return { rng: seededPhilox(node.options), batch, classes, samples, cdf: new Float64Array(classes) };
  },
  eval(node, plan) {
    const p = plan.samples < 0 ? { ...plan, samples: sampleCount(node) } : plan;
    const logits = node.inputs[0]!.data as Float32Array;
    const out = plan.samples < 0 ? node.resizeOutput(0, [p.batch, p.samples]) : node.outputs[0]!.data;
    const rng = p.rng.copy();
    p.rng.skip(BigInt(p.batch * Math.ceil(p.samples / 4) * 4 * 2 * 256));
    let words: Uint32Array = new Uint32Array(4);
    let used = 4;
    for (let b = 0; b < p.batch; b++) {
      const row = b * p.classes;
      let max = -3.4028234663852886e38;
      for (let i = 0; i < p.classes; i++) if (Number.isFinite(logits[row + i]!)) max = Math.max(max, logits[row + i]!);
      let total = 0;
      for (let i = 0; i < p.classes; i++) {
        const v = logits[row + i]!;
        if (Number.isFinite(v)) total += Math.exp(v - max);
        p.cdf[i] = total;
      }
      for (let j = 0; j < p.samples; j++) {
        if (used === 4) {
          words = rng.next();
          used = 0;
        }
        const u = uint64ToDouble(words[used]!, words[used + 1]!);
        used += 2;
        const k = upperBound(p.cdf, u * total);
        if (out instanceof BigInt64Array) out[b * p.samples + j] = BigInt(k);
        else out[b * p.samples + j] = k;
      }
    }
  },
};
