/**
 * EQUAL and NOT_EQUAL on string tensors (byte-wise equality, numpy broadcasting), as TFLite's comparison
 * kernels accept strings for these two ops.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { StringArray } from '../../core/string_data.js';
import type { KernelRegistration } from '../kernel.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function stringEqualityKernel(op: 'EQUAL' | 'NOT_EQUAL'): KernelRegistration<null, BinaryPlan> {
  const equalIs = op === 'EQUAL' ? 1 : 0;
  return {
    op: BuiltinOp[op],
    name: `${op} (string, reference)`,
    parseOptions: () => null,
    supports: (node) => node.inputs[0]?.dtype === 'string',
    prepare(node) {
      const a = requireInput(node, 0), b = requireInput(node, 1);
      const out = requireOutput(node, 0);
      expectDType(node, b, ['string'], 'input');
      expectDType(node, out, ['bool'], 'output');
      return planNodeBroadcast(node, a, b, out);
    },
    eval(node, plan) {
      const out = node.outputs[0]!.data as Uint8Array;
      const row: BinaryRow<Uint8Array[]> = (a, ai, as, b, bi, bs, _o, oi, n) => {
        for (let i = 0; i < n; i++) out[oi + i] = sameBytes(a[ai + i * as]!, b[bi + i * bs]!) ? equalIs : 1 - equalIs;
      };
      const a = (node.inputs[0]!.data as StringArray).strings, b = (node.inputs[1]!.data as StringArray).strings;
      runBinary(plan, a, b, [], row);
    },
  };
}
