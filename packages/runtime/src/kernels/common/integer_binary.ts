/**
 * Registrations for element-wise binary ops on integer types the float32/int32 kernels do not cover:
 * int64 (BigInt64Array; a store wraps to 64 bits, as C++ int64 arithmetic does in practice), and the raw
 * int8/int16 forms of TFLite's templated integer kernels (FLOOR_DIV, FLOOR_MOD), which ignore any
 * quantization parameters and compute on the stored integers.
 */
import type { DType } from '../../core/dtype.js';
import type { BuiltinOptions, FusedActivation } from '../../core/options.js';
import { BuiltinOp, type BuiltinOpName } from '../../core/ops.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import { sameDTypeOperands } from './binary_kernel.js';

/** Both inputs and the output of `dtype`. */
function sameDTypeSupports(node: NodeSignature, dtypes: readonly DType[]): boolean {
  const [a, b] = node.inputs;
  const out = node.outputs[0];
  return !!a && !!b && !!out && dtypes.includes(a.dtype) && b.dtype === a.dtype && out.dtype === a.dtype;
}

function prepareSameDType<O>(node: NodeContext<O>, dtypes: readonly DType[]): BinaryPlan {
  const { a, b, out } = sameDTypeOperands(node, dtypes);
  return planNodeBroadcast(node, a, b, out);
}

/** The int64 clamp of TFLite's CalculateActivationRange for integer types (NONE and the others: none). */
function int64Bounds(activation: FusedActivation): readonly [bigint, bigint] | null {
  if (activation === 'RELU') return [0n, 0x7fffffffffffffffn];
  if (activation === 'RELU6') return [0n, 6n];
  if (activation === 'RELU_N1_TO_1') return [-1n, 1n];
  return null;
}

export interface Int64Prepared {
  readonly plan: BinaryPlan;
  readonly bounds: readonly [bigint, bigint] | null;
}

/** An int64 registration named '<op> (int64, reference)' computing `f` element-wise, then the activation. */
export function int64BinaryKernel<O>(
  op: BuiltinOpName,
  f: (x: bigint, y: bigint) => bigint,
  parseOptions: (raw: BuiltinOptions | null) => O,
  activation: (options: O) => FusedActivation,
): KernelRegistration<O, Int64Prepared> {
  const row: BinaryRow<BigInt64Array> = (a, ai, as, b, bi, bs, out, oi, n) => {
    for (let i = 0; i < n; i++) out[oi + i] = f(a[ai + i * as]!, b[bi + i * bs]!);
  };
  return {
    op: BuiltinOp[op],
    name: `${op} (int64, reference)`,
    parseOptions,
    supports: (node) => sameDTypeSupports(node, ['int64']),
    prepare: (node) => ({ plan: prepareSameDType(node, ['int64']), bounds: int64Bounds(activation(node.options)) }),
    eval(node, { plan, bounds }) {
      const out = node.outputs[0]!.data as BigInt64Array;
      runBinary(plan, node.inputs[0]!.data as BigInt64Array, node.inputs[1]!.data as BigInt64Array, out, row);
      if (bounds === null) return;
      const [lo, hi] = bounds;
      for (let i = 0; i < out.length; i++) out[i] = out[i]! < lo ? lo : out[i]! > hi ? hi : out[i]!;
    },
  };
}

type SmallInts = Int8Array | Int16Array;

/**
 * A registration named '<op> (int8/int16, reference)' computing `f` on the raw integers (the store wraps to
 * the type, as C++'s static_cast does).
 */
export function smallIntBinaryKernel(op: BuiltinOpName, f: (x: number, y: number) => number): KernelRegistration<null, BinaryPlan> {
  const dtypes: readonly DType[] = ['int8', 'int16'];
  const row: BinaryRow<SmallInts> = (a, ai, as, b, bi, bs, out, oi, n) => {
    for (let i = 0; i < n; i++) out[oi + i] = f(a[ai + i * as]!, b[bi + i * bs]!);
  };
  return {
    op: BuiltinOp[op],
    name: `${op} (int8/int16, reference)`,
    parseOptions: () => null,
    supports: (node) => sameDTypeSupports(node, dtypes),
    prepare: (node) => prepareSameDType(node, dtypes),
    eval: (node, plan) =>
      runBinary<SmallInts>(plan, node.inputs[0]!.data as SmallInts, node.inputs[1]!.data as SmallInts, node.outputs[0]!.data as SmallInts, row),
  };
}

type Codes = Int8Array | Uint8Array | Int16Array;

export interface CodesPrepared {
  readonly plan: BinaryPlan;
  readonly row: BinaryRow<Codes>;
}

/**
 * A quantized registration named '<op> (<dtypes>, reference)': `build` reads the node's parameters at prepare
 * and returns the function from two input codes to the output code (already clamped).
 */
export function quantizedBinaryKernel<O>(
  op: BuiltinOpName,
  dtypes: readonly DType[],
  parseOptions: (raw: BuiltinOptions | null) => O,
  build: (node: NodeContext<O>) => (x: number, y: number) => number,
): KernelRegistration<O, CodesPrepared> {
  return {
    op: BuiltinOp[op],
    name: `${op} (${dtypes.join('/')}, reference)`,
    parseOptions,
    supports: (node) => sameDTypeSupports(node, dtypes) && (node.inputs[0]!.quantization?.scale.length ?? 0) > 0,
    prepare(node) {
      const plan = prepareSameDType(node, dtypes);
      const f = build(node);
      const row: BinaryRow<Codes> = (a, ai, as, b, bi, bs, out, oi, n) => {
        for (let i = 0; i < n; i++) out[oi + i] = f(a[ai + i * as]!, b[bi + i * bs]!);
      };
      return { plan, row };
    },
    eval: (node, { plan, row }) =>
      runBinary<Codes>(plan, node.inputs[0]!.data as Codes, node.inputs[1]!.data as Codes, node.outputs[0]!.data as Codes, row),
  };
}
