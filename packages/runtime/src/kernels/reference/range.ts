/**
 * RANGE (int32, int64, float32): start, start + delta, ... up to (excluding) limit. The output length depends
 * on the three scalar inputs: planned at prepare when they are constant, else the output is dynamic and sized
 * at eval. Values accumulate by repeated addition in the element type, as TFLite does.
 */
import { BuiltinOp } from '../../core/ops.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

/** Number of elements: ceil(|limit − start| / |delta|) for integers, ceil(|(limit − start) / delta|) for floats. */
export function rangeLength(start: number, limit: number, delta: number, integer: boolean): number {
  return integer
    ? Math.ceil(Math.abs(limit - start) / Math.abs(delta))
    : Math.ceil(Math.abs(Math.fround((limit - start) / delta)));
}

const toInt32 = (x: number): number => x | 0;

/** The output length for the current start, limit and delta. */
function rangeShape(node: NodeContext<null>): number[] {
  const [s, l, d] = [0, 1, 2].map((i) => {
    const t = node.inputs[i]!;
    if (t.data.length !== 1) throw shapeError(node, `input '${t.name}' must be a scalar`);
    return Number(t.data[0]!);
  }) as [number, number, number];
  if (d === 0) throw shapeError(node, 'delta must not be zero');
  if ((l > s && d < 0) || (l < s && d > 0)) throw shapeError(node, `delta ${d} never reaches ${l} from ${s}`);
  return [rangeLength(s, l, d, node.inputs[0]!.dtype !== 'float32')];
}

export const RANGE_KERNEL: KernelRegistration<null, { readonly dynamic: boolean }> = {
  op: BuiltinOp.RANGE,
  name: 'RANGE (int32/int64/float32, reference)',
  parseOptions: () => null,
  prepare(node) {
    const [start, limit, delta] = [0, 1, 2].map((i) => requireInput(node, i));
    const output = requireOutput(node, 0);
    expectDType(node, start!, ['int32', 'int64', 'float32'], 'start');
    for (const t of [limit!, delta!, output]) expectDType(node, t, [start!.dtype], t === output ? 'output' : 'input');
    if (![start!, limit!, delta!].every((t) => t.isConstant)) {
      node.markOutputDynamic(0);
      return { dynamic: true };
    }
    output.shape = rangeShape(node);
    return { dynamic: false };
  },
  eval(node, d) {
    if (d.dynamic) node.resizeOutput(0, rangeShape(node));
    const out = elementsOf(node.outputs[0]!.data);
    const start = node.inputs[0]!.data;
    const delta = node.inputs[2]!.data;
    if (start instanceof BigInt64Array) {
      let v = start[0]!;
      for (let i = 0; i < out.length; i++, v += (delta as BigInt64Array)[0]!) out[i] = v;
      return;
    }
    const step = Number(delta[0]!);
    const round = start instanceof Float32Array ? Math.fround : toInt32;
    let v = Number(start[0]!);
    for (let i = 0; i < out.length; i++, v = round(v + step)) out[i] = v;
  },
};
