/** TANH, int8/uint8: TFLite's optimized kernel evaluates through a 256-entry lookup table. */
import { BuiltinOp } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf, type QArray } from './elementwise.js';
import { applyLookupTable, prepareLookup, type LookupData } from './lookup_table.js';

export const TANH_QUANTIZED_KERNEL: KernelRegistration<null, LookupData> = {
  op: BuiltinOp.TANH,
  name: 'TANH (int8/uint8, lookup table)',
  parseOptions: () => null,
  supports: unaryOf(['int8', 'uint8']),
  prepare: (node) => prepareLookup(node, Math.tanh),
  eval: (node, d) => applyLookupTable(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d.table, d.min),
};
