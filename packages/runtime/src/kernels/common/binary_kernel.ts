/**
 * Prepare/eval shared by the element-wise binary kernels (ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM,
 * SQUARED_DIFFERENCE): dtype checks, the broadcast plan, the fused activation range. Each op file supplies
 * only its row functions.
 */
import { ModelFormatError } from '../../core/errors.js';
import type { ArithmeticOptions, BuiltinOptions, FusedActivation } from '../../core/options.js';
import { BuiltinOp, type BuiltinOpName } from '../../core/ops.js';
import type { DType } from '../../core/dtype.js';
import type { KernelRegistration, NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { applyFloatActivation, nodeActivationRange } from './activation.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';

export type BinaryDType = 'float32' | 'int32';

export interface BinaryPrepared {
  readonly plan: BinaryPlan;
  readonly dtype: BinaryDType;
  readonly min: number;
  readonly max: number;
}

/** `supports` for binary kernels: both inputs and the output of one of `dtypes`. */
export function binarySupports(node: NodeSignature, dtypes: readonly BinaryDType[]): boolean {
  const a = node.inputs[0];
  const b = node.inputs[1];
  const out = node.outputs[0];
  if (!a || !b || !out) return false;
  return (dtypes as readonly string[]).includes(a.dtype) && b.dtype === a.dtype && out.dtype === a.dtype;
}

/** The two inputs and the output, checked to share one of `dtypes`. */
export function sameDTypeOperands<O>(node: NodeContext<O>, dtypes: readonly DType[]): { a: RuntimeTensor; b: RuntimeTensor; out: RuntimeTensor } {
  const a = requireInput(node, 0);
  const b = requireInput(node, 1);
  const out = requireOutput(node, 0);
  expectDType(node, a, dtypes, 'input');
  expectDType(node, b, [a.dtype], 'input');
  expectDType(node, out, [a.dtype], 'output');
  return { a, b, out };
}

/** Validates dtypes, broadcasts the shapes, sets the output shape, resolves the activation range. */
export function prepareBinary<O>(
  node: NodeContext<O>,
  dtypes: readonly BinaryDType[],
  activation: FusedActivation = 'NONE',
): BinaryPrepared {
  const { a, b, out } = sameDTypeOperands(node, dtypes);
  const plan = planNodeBroadcast(node, a, b, out);
  const { min, max } = nodeActivationRange(node, activation);
  return { plan, dtype: a.dtype as BinaryDType, min, max };
}

/** Runs the row function matching the prepared dtype, then the fused activation clamp. */
export function evalBinary<O>(
  node: NodeContext<O>,
  data: BinaryPrepared,
  floatRow: BinaryRow<Float32Array>,
  intRow: BinaryRow<Int32Array> | null,
): void {
  const out = node.outputs[0]!.data;
  const a = node.inputs[0]!.data;
  const b = node.inputs[1]!.data;
  if (data.dtype === 'float32') {
    runBinary(data.plan, a as Float32Array, b as Float32Array, out as Float32Array, floatRow);
  } else if (intRow) {
    runBinary(data.plan, a as Int32Array, b as Int32Array, out as Int32Array, intRow);
  }
  applyFloatActivation(out as Float32Array | Int32Array, data.min, data.max);
}

/**
 * ADD/SUB/MUL/DIV options, defaulting when the model stores none. (optionsOrDefault cannot name one member of
 * ArithmeticOptions' kind union, so this narrows by hand.)
 */
export function parseArithmeticOptions(raw: BuiltinOptions | null, kind: ArithmeticOptions['kind']): ArithmeticOptions {
  if (raw === null) return { kind, fusedActivation: 'NONE', potScaleInt16: true };
  if (raw.kind === kind) return raw;
  throw new ModelFormatError(`expected ${kind}, found ${raw.kind}`);
}

/** What an element-wise binary registration differs in: the op, its label, dtypes, options and row functions. */
export interface BinaryKernelSpec<O> {
  /** The op, by name: it also starts the registration name, e.g. 'ADD (float32/int32, reference)'. */
  readonly op: BuiltinOpName;
  readonly dtypes: readonly BinaryDType[];
  readonly parseOptions: (raw: BuiltinOptions | null) => O;
  /** The fused activation the options carry ('NONE' when the op has none). */
  readonly activation: (options: O) => FusedActivation;
  readonly floatRow: BinaryRow<Float32Array>;
  readonly intRow: BinaryRow<Int32Array> | null;
}

/** A reference registration named '<op> (<dtypes>, reference)' from its spec. */
export function binaryKernel<O>(spec: BinaryKernelSpec<O>): KernelRegistration<O, BinaryPrepared> {
  const { dtypes, floatRow, intRow } = spec;
  return {
    op: BuiltinOp[spec.op],
    name: `${spec.op} (${dtypes.join('/')}, reference)`,
    parseOptions: spec.parseOptions,
    supports: (node) => binarySupports(node, dtypes),
    prepare: (node) => prepareBinary(node, dtypes, spec.activation(node.options)),
    eval: (node, data) => evalBinary(node, data, floatRow, intRow),
  };
}

/** ADD/SUB/MUL/DIV: options of `kind` with a fused activation, float32 and int32. */
export function arithmeticKernel(
  op: BuiltinOpName, kind: ArithmeticOptions['kind'],
  floatRow: BinaryRow<Float32Array>, intRow: BinaryRow<Int32Array>,
): KernelRegistration<ArithmeticOptions, BinaryPrepared> {
  return binaryKernel({
    op, dtypes: ['float32', 'int32'], floatRow, intRow,
    parseOptions: (raw) => parseArithmeticOptions(raw, kind),
    activation: (o) => o.fusedActivation,
  });
}

/** A binary op without options (MAXIMUM, POW, ATAN2, ...): no activation. */
export function plainBinaryKernel(
  op: BuiltinOpName, dtypes: readonly BinaryDType[],
  floatRow: BinaryRow<Float32Array>, intRow: BinaryRow<Int32Array> | null,
): KernelRegistration<null, BinaryPrepared> {
  return binaryKernel({
    op, dtypes, floatRow, intRow, parseOptions: () => null, activation: () => 'NONE',
  });
}
