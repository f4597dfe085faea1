/**
 * ARG_MAX over one constant axis for float32/int32/int64/uint8/int8/int16 inputs, writing int32 or int64
 * indices (the output tensor's dtype decides; output_type defaults oddly in the schema). Ties keep the first maximum (a strictly greater value replaces it), as TFLite. Quantized inputs
 * compare their raw integers, which orders them like their real values for any positive scale.
 */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ArgMaxOptions, BuiltinOptions } from '../../core/options.js';
import { ModelFormatError } from '../../core/errors.js';
import { sizeBetween } from '../common/concat_split.js';
import { constScalarInt } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

const INPUT_DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'uint8', 'int8', 'int16'];

interface ArgMaxPlan {
  readonly outer: number;
  readonly axisSize: number;
  readonly inner: number;
}

export const ARG_MAX_KERNEL: KernelRegistration<ArgMaxOptions, ArgMaxPlan> = {
  op: BuiltinOp.ARG_MAX,
  name: 'ARG_MAX (reference)',
  parseOptions: parseArgMaxOptions,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, INPUT_DTYPES, 'input');
    expectDType(node, output, ['int32', 'int64'], 'output');
    const rank = input.shape.length;
    const raw = constScalarInt(node, requireInput(node, 1), 'axis input');
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${raw} is out of range for rank ${rank}`);
    if (input.shape[axis] === 0) throw shapeError(node, `arg max over an empty axis ${axis}`);
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
          if (v > best) {
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

function parseArgMaxOptions(raw: BuiltinOptions | null): ArgMaxOptions {
  if (raw === null) return { kind: 'ArgMaxOptions', outputType: 'int64' };
  if (raw.kind === 'ArgMaxOptions') return raw;
  throw new ModelFormatError(`expected ArgMaxOptions, found ${raw.kind}`);
}
