/**
 * MUL on complex64 (TFLite's version 6) and uint32 (version 7), with broadcasting: complex products in
 * float32 as std::complex<float> computes them in the common case, (ac − bd) + (ad + bc)i; uint32 products
 * wrap modulo 2^32. A fused activation has no meaning on complex numbers and TFLite's uint32 path has no
 * range for it here, so only NONE is accepted.
 */
import { complexParts } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ArithmeticOptions } from '../../core/options.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from '../common/binary_broadcast.js';
import { parseArithmeticOptions, sameDTypeOperands } from '../common/binary_kernel.js';
import { unsupported } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';

const f = Math.fround;

/** Element i of a complex operand is the float32 pair at 2i, 2i + 1 of its parts view. */
const complexRow: BinaryRow<Float32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = 2 * (ai + i * as), y = 2 * (bi + i * bs), o = 2 * (oi + i);
    const ar = a[x]!, aim = a[x + 1]!, br = b[y]!, bim = b[y + 1]!;
    out[o] = f(f(ar * br) - f(aim * bim));
    out[o + 1] = f(f(ar * bim) + f(aim * br));
  }
};

const uint32Row: BinaryRow<Uint32Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) out[oi + i] = Math.imul(a[ai + i * as]!, b[bi + i * bs]!);
};

function prepare(node: NodeContext<ArithmeticOptions>, dtype: 'complex64' | 'uint32'): BinaryPlan {
  const { a, b, out } = sameDTypeOperands(node, [dtype]);
  if (node.options.fusedActivation !== 'NONE') throw unsupported(node, `fused activation ${node.options.fusedActivation} on ${dtype}`);
  return planNodeBroadcast(node, a, b, out);
}

const sameDType = (dtype: string) => (node: NodeSignature) =>
  node.inputs[0]?.dtype === dtype && node.inputs[1]?.dtype === dtype && node.outputs[0]?.dtype === dtype;

export const MUL_COMPLEX64_KERNEL: KernelRegistration<ArithmeticOptions, BinaryPlan> = {
  op: BuiltinOp.MUL,
  name: 'MUL (complex64, reference)',
  parseOptions: (raw) => parseArithmeticOptions(raw, 'MulOptions'),
  supports: sameDType('complex64'),
  prepare: (node) => prepare(node, 'complex64'),
  eval(node, plan) {
    const [a, b] = [node.inputs[0]!.data, node.inputs[1]!.data].map(complexParts) as [Float32Array, Float32Array];
    runBinary(plan, a, b, complexParts(node.outputs[0]!.data), complexRow);
  },
};

export const MUL_UINT32_KERNEL: KernelRegistration<ArithmeticOptions, BinaryPlan> = {
  op: BuiltinOp.MUL,
  name: 'MUL (uint32, reference)',
  parseOptions: (raw) => parseArithmeticOptions(raw, 'MulOptions'),
  supports: sameDType('uint32'),
  prepare: (node) => prepare(node, 'uint32'),
  eval: (node, plan) =>
    runBinary(plan, node.inputs[0]!.data as Uint32Array, node.inputs[1]!.data as Uint32Array, node.outputs[0]!.data as Uint32Array, uint32Row),
};
