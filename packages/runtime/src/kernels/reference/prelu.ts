/**
 * PRELU (float32): x ≥ 0 ? x : α·x, with α broadcast against the input numpy-style (typically one slope per
 * channel, shape [1, 1, C] or [C]).
 */
import { BuiltinOp } from '../../core/ops.js';
import { planNodeBroadcast, runBinary, type BinaryPlan } from '../common/binary_broadcast.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export function preluFloat32(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    out[oi + i] = x >= 0 ? x : x * b[bi + i * bs]!;
  }
}

export const PRELU_KERNEL: KernelRegistration<null, BinaryPlan> = {
  op: BuiltinOp.PRELU,
  name: 'PRELU (float32, reference)',
  parseOptions: () => null,
  supports: (node) => node.inputs[0]?.dtype === 'float32' && node.inputs[1]?.dtype === 'float32',
  prepare(node) {
    const input = requireInput(node, 0);
    const alpha = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32'], 'input');
    expectDType(node, alpha, ['float32'], 'alpha');
    expectDType(node, output, ['float32'], 'output');
    return planNodeBroadcast(node, input, alpha, output);
  },
  eval(node, plan) {
    runBinary(plan, node.inputs[0]!.data as Float32Array, node.inputs[1]!.data as Float32Array, node.outputs[0]!.data as Float32Array, preluFloat32);
  },
};
