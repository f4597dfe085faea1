/**
 * HASHTABLE_IMPORT (TFLite hashtable_import.cc): fills the table the handle names from keys and values of the
 * same shape — once; the converter leaves the initializer in the main graph, so later invokes import again
 * and are ignored.
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, shapesEqual } from '../../core/shape.js';
import { requireInput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { checkKeyValueDtypes, checkTableHandle, checkTableTypes, tableElements, tableOf } from './hashtable_access.js';

export const HASHTABLE_IMPORT_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.HASHTABLE_IMPORT,
  name: 'HASHTABLE_IMPORT (int64 → string, string → int64)',
  parseOptions: () => null,
  stateful: true,
  prepare(node) {
    checkTableHandle(node, ['resource', 'int32']);
    const keys = requireInput(node, 1), values = requireInput(node, 2);
    checkKeyValueDtypes(node, keys, values, 'values');
    if (!shapesEqual(keys.shape, values.shape)) throw shapeError(node, `keys ${formatShape(keys.shape)} and values ${formatShape(values.shape)} must have one shape`);
    return null;
  },
  eval(node) {
    const table = tableOf(node);
    const keys = node.inputs[1]!, values = node.inputs[2]!;
    checkTableTypes(node, table, keys, values);
    if (table.isInitialized) return;
    table.import(tableElements(keys) as (bigint | Uint8Array)[], tableElements(values));
  },
};
