/**
 * Element-wise binary kernels over the integer dtypes TFLite's bit ops take (int8/16/32, uint8/16/32), with
 * numpy broadcasting. `fn` works on JS numbers; storing into the output's typed array wraps the result to the
 * dtype, as the C++ casts do.
 */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp, type BuiltinOpName } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';

export const BIT_OP_DTYPES: readonly DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32'];

type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** `fn(x, y, bits)`: `bits` is the dtype's width (8, 16 or 32). */
export type IntegerFn = (x: number, y: number, bits: number) => number;

export function integerBinaryKernel(op: BuiltinOpName, fn: IntegerFn): KernelRegistration<null, BinaryPlan> {
  return {
    op: BuiltinOp[op],
    name: `${op} (8/16/32-bit integers, reference)`,
    parseOptions: () => null,
    prepare(node) {
      const a = requireInput(node, 0), b = requireInput(node, 1);
      const out = requireOutput(node, 0);
      expectDType(node, a, BIT_OP_DTYPES, 'input');
      expectDType(node, b, [a.dtype], 'input');
      expectDType(node, out, [a.dtype], 'output');
      return planNodeBroadcast(node, a, b, out);
    },
    eval(node, plan) {
      const out = node.outputs[0]!.data as IntArray;
      const bits = out.BYTES_PER_ELEMENT * 8;
      const row: BinaryRow<IntArray> = (a, ai, as, b, bi, bs, o, oi, n) => {
        for (let i = 0; i < n; i++) o[oi + i] = fn(a[ai + i * as]!, b[bi + i * bs]!, bits);
      };
      runBinary(plan, node.inputs[0]!.data as IntArray, node.inputs[1]!.data as IntArray, out, row);
    },
  };
}
