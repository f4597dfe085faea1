/**
 * UNIQUE (TFLite unique.cc): the distinct values of a 1-D tensor in order of first appearance (output 0,
 * dynamic: its length depends on the values) and, for every input element, the index of its value among them
 * (output 1, int32 or int64 as idx_out_type says, shaped like the input).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { UniqueOptions } from '../../core/options.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, expectRank, requireInput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

const VALUE_TYPES = ['float32', 'int8', 'int16', 'int32', 'int64', 'uint8'] as const;

interface UniqueData {
  /** Reused across invokes: value → position among the distinct values. */
  readonly seen: Map<number | bigint, number>;
  readonly order: (number | bigint)[];
}

export const UNIQUE_KERNEL: KernelRegistration<UniqueOptions, UniqueData> = {
  op: BuiltinOp.UNIQUE,
  name: 'UNIQUE (reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['UniqueOptions'], { kind: 'UniqueOptions', idxOutType: 'int32' }),
  prepare(node) {
    const input = requireInput(node, 0);
    expectRank(node, input, 1, 'input');
    expectDType(node, input, VALUE_TYPES, 'input');
    const [values, indices] = node.outputs;
    if (!values || !indices) throw shapeError(node, 'UNIQUE has two outputs');
    expectDType(node, values, [input.dtype], 'output 0');
    expectDType(node, indices, [node.options.idxOutType === 'int64' ? 'int64' : 'int32'], 'output 1');
    node.markOutputDynamic(0);
    indices.shape = [...input.shape];
    return { seen: new Map(), order: [] };
  },
  eval(node, d) {
    const input = elementsOf(node.inputs[0]!.data);
    const idx = node.outputs[1]!.data;
    d.seen.clear();
    d.order.length = 0;
    for (let i = 0; i < input.length; i++) {
      const v = input[i]!;
      let at = d.seen.get(v);
      if (at === undefined) {
        at = d.order.length;
        d.seen.set(v, at);
        d.order.push(v);
      }
      if (idx instanceof BigInt64Array) idx[i] = BigInt(at);
      else idx[i] = at;
    }
    const out = elementsOf(node.resizeOutput(0, [d.order.length]));
    for (let i = 0; i < d.order.length; i++) out[i] = d.order[i]!;
  },
};
