/**
 * ARG_MIN over one constant axis, float32/int32/int64/uint8/int8/int16 inputs, int32 or int64 indices (the
 * output tensor's dtype decides). Ties keep the first minimum, as TFLite; quantized inputs compare raw.
 */
import type { DType } from '../../core/dtype.js';
import { ModelFormatError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ArgMaxOptions, BuiltinOptions } from '../../core/options.js';
import { sizeBetween } from '../common/concat_split.js';
import { constScalarInt } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

const INPUT_DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'uint8', 'int8', 'int16'];

interface ArgMinPlan {
  readonly outer: number;
  readonly axisSize: number;
  readonly inner: number;
}

function parseArgMinOptions(raw: BuiltinOptions | null): ArgMaxOptions {
  if (raw === null) return { kind: 'ArgMinOptions', outputType: 'int64' };
  if (raw.kind === 'ArgMinOptions') return raw;
  throw new ModelFormatError(`expected ArgMinOptions, found ${raw.kind}`);
}

export const ARG_MIN_KERNEL: KernelRegistration<ArgMaxOptions, ArgMinPlan> = {
  op: BuiltinOp.ARG_MIN,
  name: 'ARG_MIN (reference)',
  parseOptions: parseArgMinOptions,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, INPUT_DTYPES, 'input');
    expectDType(node, output, ['int32', 'int64'], 'output');
    const rank = input.shape.length;
    const raw = constScalarInt(node, requireInput(node, 1), 'axis input');
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${raw} is out of range for rank ${rank}`);
    if (input.shape[axis] === 0) throw shapeError(node, `arg min over an empty axis ${axis}`);
    output.shape = input.shape.filter((_, i) => i !== axis);
    return { outer: sizeBetween(input.shape, 0, axis), axisSize: input.shape[axis]!, inner: sizeBetween(input.shape, axis + 1, rank) };
  },
  eval(node, plan) {
    const input = elementsOf(node.inputs[0]!.data);
    const out = node.outputs[0]!.data;
    const wide = out instanceof BigInt64Array;
    const { outer, axisSize, inner } = plan;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * axisSize * inner + i;
        let best = input[base]!;
        let bestIndex = 0;
        for (let k = 1; k < axisSize; k++) {
          const v = input[base + k * inner]!;
          if (v < best) {
            best = v;
            bestIndex = k;
          }
        }
        if (wide) out[o * inner + i] = BigInt(bestIndex);
        else (out as Int32Array)[o * inner + i] = bestIndex;
      }
    }
  },
};
