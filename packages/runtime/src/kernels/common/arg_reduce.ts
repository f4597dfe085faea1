/**
 * ARG_MAX and ARG_MIN: one kernel that differs only in the comparison. Over one constant axis of a
 * float32/int32/int64/uint8/int8/int16 input, writing int32 or int64 indices (the output tensor's dtype
 * decides; output_type defaults oddly in the schema). Ties keep the first extreme (only a strictly better
 * value replaces it), as TFLite. Quantized inputs compare their raw integers, which orders them like their
 * real values for any positive scale.
 */
import type { DType } from '../../core/dtype.js';
import { ModelFormatError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ArgMaxOptions, BuiltinOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { sizeBetween } from './concat_split.js';
import { constScalarInt } from './const_values.js';
import { elementsOf } from './elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from './node_checks.js';

const INPUT_DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'uint8', 'int8', 'int16'];

export interface ArgReducePlan {
  readonly outer: number;
  readonly axisSize: number;
  readonly inner: number;
}

function parseOptions(raw: BuiltinOptions | null, kind: ArgMaxOptions['kind']): ArgMaxOptions {
  if (raw === null) return { kind, outputType: 'int64' };
  if (raw.kind === kind) return raw;
  throw new ModelFormatError(`expected ${kind}, found ${raw.kind}`);
}

/** The ARG_MAX or ARG_MIN reference registration. */
export function argReduceKernel(op: 'ARG_MAX' | 'ARG_MIN'): KernelRegistration<ArgMaxOptions, ArgReducePlan> {
  const isMax = op === 'ARG_MAX';
  const kind = isMax ? 'ArgMaxOptions' : 'ArgMinOptions';
  const extreme = isMax ? 'max' : 'min';
  return {
    op: BuiltinOp[op],
    name: `${op} (reference)`,
    parseOptions: (raw) => parseOptions(raw, kind),
    prepare(node) {
      const input = requireInput(node, 0);
      const output = requireOutput(node, 0);
      expectDType(node, input, INPUT_DTYPES, 'input');
      expectDType(node, output, ['int32', 'int64'], 'output');
      const rank = input.shape.length;
      const raw = constScalarInt(node, requireInput(node, 1), 'axis input');
      const axis = raw < 0 ? raw + rank : raw;
      if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${raw} is out of range for rank ${rank}`);
      if (input.shape[axis] === 0) throw shapeError(node, `arg ${extreme} over an empty axis ${axis}`);
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
            if (isMax ? v > best : v < best) {
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
}
