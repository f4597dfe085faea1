/**
 * HASHTABLE_FIND (TFLite hashtable_find.cc): looks each key up in the table the handle names; a missing key
 * gives the default value's first element. The output has the keys' shape. Finding in a table no import
 * filled is an error in TFLite ("hashtable need to be initialized before using"), and here.
 */
import { StateError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { numElements } from '../../core/shape.js';
import type { StringArray } from '../../core/string_data.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { checkKeyValueDtypes, checkTableHandle, checkTableTypes, tableElements, tableOf } from './hashtable_access.js';

export const HASHTABLE_FIND_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.HASHTABLE_FIND,
  name: 'HASHTABLE_FIND (int64 → string, string → int64)',
  parseOptions: () => null,
  stateful: true,
  prepare(node) {
    checkTableHandle(node, ['resource', 'int32']);
    const keys = requireInput(node, 1), fallback = requireInput(node, 2);
    const out = requireOutput(node, 0);
    expectDType(node, fallback, [out.dtype], 'default value');
    checkKeyValueDtypes(node, keys, out, 'output');
    if (numElements(fallback.shape) < 1) throw shapeError(node, 'the default value is empty');
    out.shape = [...keys.shape];
    return null;
  },
  eval(node) {
    const table = tableOf(node);
    const keys = node.inputs[1]!, fallback = node.inputs[2]!, out = node.outputs[0]!;
    checkTableTypes(node, table, keys, out);
    if (!table.isInitialized) throw new StateError(`node ${node.index} (${node.opName}): the hash table is looked up before any HASHTABLE_IMPORT filled it`);
    const found = tableElements(keys).map((k) => table.find(k as bigint | Uint8Array));
    if (out.dtype === 'string') {
      const otherwise = (fallback.data as StringArray).strings[0]!;
      const strings = (out.data as StringArray).strings;
      found.forEach((v, i) => {
        strings[i] = (v as Uint8Array | undefined) ?? otherwise;
      });
    } else {
      const otherwise = (fallback.data as BigInt64Array)[0]!;
      const data = out.data as BigInt64Array;
      found.forEach((v, i) => {
        data[i] = (v as bigint | undefined) ?? otherwise;
      });
    }
  },
};
