/**
 * HASHTABLE_LOOKUP: for each int32 lookup key, binary search in the sorted int32 keys and copy that row of
 * `value` (any dtype, strings included) to the output — a zero (or empty-string) row where the key is
 * missing — and report 1 or 0 in the uint8 `hits` output.
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements } from '../../core/shape.js';
import { StringArray } from '../../core/string_data.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

const NO_STRING = new Uint8Array(0);

function find(keys: Int32Array, key: number): number {
  let lo = 0, hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export const HASHTABLE_LOOKUP_KERNEL: KernelRegistration<null, number> = {
  op: BuiltinOp.HASHTABLE_LOOKUP,
  name: 'HASHTABLE_LOOKUP (reference)',
  parseOptions: () => null,
  prepare(node) {
    const lookup = requireInput(node, 0), keys = requireInput(node, 1), value = requireInput(node, 2);
    const output = requireOutput(node, 0), hits = requireOutput(node, 1);
    expectDType(node, lookup, ['int32'], 'lookup');
    expectDType(node, keys, ['int32'], 'keys');
    expectDType(node, output, [value.dtype], 'output');
    expectDType(node, hits, ['uint8'], 'hits');
    expectRank(node, lookup, 1, 'lookup');
    expectRank(node, keys, 1, 'keys');
    if (value.shape.length < 1 || value.shape[0] !== keys.shape[0]) throw shapeError(node, `value ${formatShape(value.shape)} must have one row per key`);
    if (value.dtype === 'string' && value.shape.length !== 1) throw shapeError(node, 'string values must be a vector');
    output.shape = [lookup.shape[0]!, ...value.shape.slice(1)];
    hits.shape = [lookup.shape[0]!];
    return numElements(value.shape.slice(1));
  },
  eval(node, row) {
    const lookup = node.inputs[0]!.data as Int32Array, keys = node.inputs[1]!.data as Int32Array;
    const value = elementsOf(node.inputs[2]!.data);
    const outData = node.outputs[0]!.data;
    const out = elementsOf(outData);
    const hits = node.outputs[1]!.data as Uint8Array;
    const zero = outData instanceof StringArray ? (NO_STRING as unknown as number) : outData instanceof BigInt64Array ? 0n : 0;
    for (let i = 0; i < lookup.length; i++) {
      const at = find(keys, lookup[i]!);
      hits[i] = at < 0 ? 0 : 1;
      for (let k = 0; k < row; k++) out[i * row + k] = at < 0 ? zero : value[at * row + k]!;
    }
  },
};
