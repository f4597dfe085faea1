/**
 * RANGE (int32, int64, float32): start, start + delta, ... up to (excluding) limit. The output length depends
 * on the three scalar inputs, so they must be known at prepare time (constants, which the interpreter folds);
 * otherwise the output shape would be dynamic, which this runtime refuses. Values accumulate by repeated
 * addition in the element type, as TFLite does.
 */
import { BuiltinOp } from '../../core/ops.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

/** Number of elements: ceil(|limit − start| / |delta|) for integers, ceil(|(limit − start) / delta|) for floats. */
export function rangeLength(start: number, limit: number, delta: number, integer: boolean): number {
  return integer
    ? Math.ceil(Math.abs(limit - start) / Math.abs(delta))
    : Math.ceil(Math.abs(Math.fround((limit - start) / delta)));
}

const toInt32 = (x: number): number => x | 0;

export const RANGE_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.RANGE,
  name: 'RANGE (int32/int64/float32, reference)',
  parseOptions: () => null,
  prepare(node) {
    const [start, limit, delta] = [0, 1, 2].map((i) => requireInput(node, i));
    const output = requireOutput(node, 0);
    expectDType(node, start!, ['int32', 'int64', 'float32'], 'start');
    for (const t of [limit!, delta!, output]) expectDType(node, t, [start!.dtype], t === output ? 'output' : 'input');
    const values = [start!, limit!, delta!].map((t) => {
      if (!t.isConstant) throw unsupported(node, `input '${t.name}' is not constant (dynamic output shape)`);
      if (t.data.length !== 1) throw shapeError(node, `input '${t.name}' must be a scalar`);
      return Number(t.data[0]!);
    });
    const [s, l, d] = values as [number, number, number];
    if (d === 0) throw shapeError(node, 'delta must not be zero');
    if ((l > s && d < 0) || (l < s && d > 0)) throw shapeError(node, `delta ${d} never reaches ${l} from ${s}`);
    output.shape = [rangeLength(s, l, d, start!.dtype !== 'float32')];
    return null;
  },
  eval(node) {
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
