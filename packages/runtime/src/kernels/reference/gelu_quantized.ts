/**
 * GELU for int8/uint8, through a 256-entry lookup table of the float function (exact or tanh form), as
 * TFLite's quantized GELU.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, GeluOptions } from '../../core/options.js';
import { expectDType } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { requireScale, tensorZeroPoint } from '../common/quantization.js';
import type { KernelRegistration } from '../kernel.js';
import { prepareUnaryShape, unaryOf, type QArray } from '../quantized/elementwise.js';
import { applyLookupTable, buildLookupTable, type LookupData } from '../quantized/lookup_table.js';
import { geluExact, geluTanh } from './gelu.js';

export const GELU_QUANTIZED_KERNEL: KernelRegistration<GeluOptions, LookupData> = {
  op: BuiltinOp.GELU,
  name: 'GELU (int8/uint8, lookup table)',
  parseOptions: (raw: BuiltinOptions | null) => optionsOrDefault(raw, ['GeluOptions'], { kind: 'GeluOptions', approximate: false }),
  supports: unaryOf(['int8', 'uint8']),
  prepare(node) {
    const { input, output } = prepareUnaryShape(node);
    expectDType(node, input, ['int8', 'uint8'], 'input');
    expectDType(node, output, [input.dtype], 'output');
    const dtype = input.dtype as 'int8' | 'uint8';
    const fn = node.options.approximate ? geluTanh : geluExact;
    const table = buildLookupTable(dtype, requireScale(node, input), tensorZeroPoint(input), requireScale(node, output), tensorZeroPoint(output), fn);
    return { table, min: dtype === 'int8' ? -128 : 0 };
  },
  eval: (node, d) => applyLookupTable(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d.table, d.min),
};
