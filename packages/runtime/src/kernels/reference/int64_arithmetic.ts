/**
 * int64 forms of ADD, SUB, MUL (fused activation clamp), MAXIMUM, MINIMUM, FLOOR_MOD and NEG: TFLite's
 * templated kernels on int64_t, wrapping on overflow. FLOOR_MOD refuses a zero divisor, as TFLite does.
 */
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { parseArithmeticOptions } from '../common/binary_kernel.js';
import { int64BinaryKernel } from '../common/integer_binary.js';
import { requireInput, requireOutput, expectDType } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

const none = (): 'NONE' => 'NONE';
const noOptions = (): null => null;

export const ADD_INT64_KERNEL = int64BinaryKernel('ADD', (x, y) => x + y, (r) => parseArithmeticOptions(r, 'AddOptions'), (o) => o.fusedActivation);
export const SUB_INT64_KERNEL = int64BinaryKernel('SUB', (x, y) => x - y, (r) => parseArithmeticOptions(r, 'SubOptions'), (o) => o.fusedActivation);
export const MUL_INT64_KERNEL = int64BinaryKernel('MUL', (x, y) => x * y, (r) => parseArithmeticOptions(r, 'MulOptions'), (o) => o.fusedActivation);
export const MAXIMUM_INT64_KERNEL = int64BinaryKernel('MAXIMUM', (x, y) => (x > y ? x : y), noOptions, none);
export const MINIMUM_INT64_KERNEL = int64BinaryKernel('MINIMUM', (x, y) => (x < y ? x : y), noOptions, none);

/** The remainder with the divisor's sign (BigInt `%` truncates, like C++). */
export const FLOOR_MOD_INT64_KERNEL = int64BinaryKernel('FLOOR_MOD', (x, y) => {
  if (y === 0n) throw new UnsupportedError('FLOOR_MOD: division by zero');
  const r = x % y;
  return r !== 0n && y < 0n !== r < 0n ? r + y : r;
}, noOptions, none);

export const NEG_INT64_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.NEG,
  name: 'NEG (int64, reference)',
  parseOptions: noOptions,
  supports: (node) => node.inputs[0]?.dtype === 'int64' && node.outputs[0]?.dtype === 'int64',
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['int64'], 'input');
    expectDType(node, output, ['int64'], 'output');
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    const input = node.inputs[0]!.data as BigInt64Array;
    const output = node.outputs[0]!.data as BigInt64Array;
    for (let i = 0; i < input.length; i++) output[i] = -input[i]!;
  },
};

export const INT64_ARITHMETIC_KERNELS = [
  ADD_INT64_KERNEL, SUB_INT64_KERNEL, MUL_INT64_KERNEL, MAXIMUM_INT64_KERNEL, MINIMUM_INT64_KERNEL, FLOOR_MOD_INT64_KERNEL,
  NEG_INT64_KERNEL,
] as const;
