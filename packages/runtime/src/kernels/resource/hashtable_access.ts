/**
 * What HASHTABLE_IMPORT, HASHTABLE_FIND and HASHTABLE_SIZE share: the handle input (a RESOURCE or int32
 * tensor [1], as TFLite's prepare checks), the table it names, and reading keys and values out of int64 and
 * string tensors.
 */
import { StateError, TensorError } from '../../core/errors.js';
import { formatShape } from '../../core/shape.js';
import type { StringArray } from '../../core/string_data.js';
import { expectDType, requireInput, shapeError } from '../common/node_checks.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import type { HashtableValue, StaticHashtable } from './static_hashtable.js';

type AnyNode = NodeContext<null>;

/** Checks input 0 is a table handle: RESOURCE (or int32 where TFLite allows it) of shape [1]. */
export function checkTableHandle(node: AnyNode, dtypes: readonly ('resource' | 'int32')[]): RuntimeTensor {
  const handle = requireInput(node, 0);
  expectDType(node, handle, dtypes, 'table handle');
  if (handle.shape.length !== 1 || handle.shape[0] !== 1) throw shapeError(node, `the table handle must be [1], got ${formatShape(handle.shape)}`);
  return handle;
}

/** The table input 0's handle names; a handle no HASHTABLE node made is an error, as in TFLite. */
export function tableOf(node: AnyNode): StaticHashtable {
  const id = (node.inputs[0]!.data as Int32Array)[0]!;
  const table = node.resources.hashtable(id);
  if (!table) throw new StateError(`node ${node.index} (${node.opName}): no hash table has id ${id} (no HASHTABLE node made it)`);
  return table;
}

/** TFLite's CheckKeyAndValueTypes: the tensors' dtypes must be the table's. */
export function checkTableTypes(node: AnyNode, table: StaticHashtable, keys: RuntimeTensor, values: RuntimeTensor): void {
  if (keys.dtype !== table.keyDtype || values.dtype !== table.valueDtype) {
    throw new TensorError(
      `node ${node.index} (${node.opName}): the table maps ${table.keyDtype} → ${table.valueDtype}, the node's tensors are ${keys.dtype} → ${values.dtype}`,
    );
  }
}

/** The elements of an int64 or string tensor as table keys or values. */
export function tableElements(t: RuntimeTensor): HashtableValue[] {
  return t.dtype === 'string' ? [...(t.data as StringArray).strings] : [...(t.data as BigInt64Array)];
}

/** Checks the pair of key and value tensors is int64 → string or string → int64. */
export function checkKeyValueDtypes(node: AnyNode, keys: RuntimeTensor, values: RuntimeTensor, what: string): void {
  const ok = (keys.dtype === 'int64' && values.dtype === 'string') || (keys.dtype === 'string' && values.dtype === 'int64');
  if (!ok) throw new TensorError(`node ${node.index} (${node.opName}): keys and ${what} must be int64 and string or string and int64, got ${keys.dtype} and ${values.dtype}`);
}
