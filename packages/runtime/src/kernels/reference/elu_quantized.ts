/** ELU for int8 (TFLite has no uint8 ELU), through a 256-entry lookup table of the float function. */
import { BuiltinOp } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf, type QArray } from '../quantized/elementwise.js';
import { applyLookupTable, prepareLookup, type LookupData } from '../quantized/lookup_table.js';
import { elu } from './elu.js';

export const ELU_QUANTIZED_KERNEL: KernelRegistration<null, LookupData> = {
  op: BuiltinOp.ELU,
  name: 'ELU (int8, lookup table)',
  parseOptions: () => null,
  supports: unaryOf(['int8']),
  prepare: (node) => prepareLookup(node, elu),
  eval: (node, d) => applyLookupTable(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d.table, d.min),
};
