/**
 * CUMSUM (float32, int32, int64) along a constant axis, optionally exclusive (each sum leaves out its own
 * element) and reverse (summing from the end). float32 sums round to float32 after every step, as TFLite.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, CumsumOptions } from '../../core/options.js';
import { sizeBetween } from '../common/concat_split.js';
import { constScalarInt } from '../common/const_values.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface CumsumPlan {
  readonly outer: number;
  readonly axisSize: number;
  readonly inner: number;
}

type Summable = Float32Array | Int32Array | BigInt64Array;

export const CUMSUM_KERNEL: KernelRegistration<CumsumOptions, CumsumPlan> = {
  op: BuiltinOp.CUMSUM,
  name: 'CUMSUM (float32/int32/int64, reference)',
  parseOptions: (raw: BuiltinOptions | null) =>
    optionsOrDefault(raw, ['CumsumOptions'], { kind: 'CumsumOptions', exclusive: false, reverse: false }),
  supports: (node) => (node.inputs[0]?.quantization?.scale.length ?? 0) === 0,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32', 'int32', 'int64'], 'input');
    expectDType(node, output, [input.dtype], 'output');
    const rank = input.shape.length;
    const raw = constScalarInt(node, requireInput(node, 1), 'axis input');
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${raw} is out of range for rank ${rank}`);
    output.shape = [...input.shape];
    return { outer: sizeBetween(input.shape, 0, axis), axisSize: input.shape[axis]!, inner: sizeBetween(input.shape, axis + 1, rank) };
  },
  eval(node, p) {
    const input = node.inputs[0]!.data as Summable;
    const out = node.outputs[0]!.data as Summable;
    const { exclusive, reverse } = node.options;
    if (input instanceof BigInt64Array) cumsumInt64(input, out as BigInt64Array, p, exclusive, reverse);
    else cumsumNumbers(input, out as Float32Array | Int32Array, p, exclusive, reverse, input instanceof Float32Array ? Math.fround : toInt32);
  },
};

const toInt32 = (x: number): number => x | 0;

/** Offsets of the axis walk for (outer o, inner i): step-th element, from the end when reversed. */
function at(p: CumsumPlan, o: number, i: number, step: number, reverse: boolean): number {
  const k = reverse ? p.axisSize - 1 - step : step;
  return (o * p.axisSize + k) * p.inner + i;
}

/** The running sum is kept in the element type (`wrap`: float32 rounding or int32 wrap), as TFLite's T accumulator. */
function cumsumNumbers(
  input: Float32Array | Int32Array, out: Float32Array | Int32Array, p: CumsumPlan, exclusive: boolean, reverse: boolean,
  wrap: (x: number) => number,
): void {
  for (let o = 0; o < p.outer; o++) {
    for (let i = 0; i < p.inner; i++) {
      let acc = 0;
      for (let step = 0; step < p.axisSize; step++) {
        const j = at(p, o, i, step, reverse);
        if (exclusive) {
          out[j] = acc;
          acc = wrap(acc + input[j]!);
        } else {
          acc = wrap(acc + input[j]!);
          out[j] = acc;
        }
      }
    }
  }
}

function cumsumInt64(input: BigInt64Array, out: BigInt64Array, p: CumsumPlan, exclusive: boolean, reverse: boolean): void {
  for (let o = 0; o < p.outer; o++) {
    for (let i = 0; i < p.inner; i++) {
      let acc = 0n;
      for (let step = 0; step < p.axisSize; step++) {
        const j = at(p, o, i, step, reverse);
        if (exclusive) out[j] = acc;
        acc = BigInt.asIntN(64, acc + input[j]!);
        if (!exclusive) out[j] = acc;
      }
    }
  }
}
