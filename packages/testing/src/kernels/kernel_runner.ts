/**
 * Runs one kernel registration on hand-made tensors, without a model or interpreter: the harness for
 * per-kernel tests (like TFLite Micro's KernelRunner).
 */
import {
  allocTyped,
  isTypedArrayOf,
  numElements,
  ResourceStore,
  TensorError,
  WasmContext,
  type BuiltinOptions,
  type DType,
  type KernelRegistration,
  type NodeContext,
  type QuantizationParams,
  type RuntimeTensor,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';

export interface TestTensorSpec {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Values; plain numbers are converted to the dtype's TypedArray (bigint for int64). */
  readonly data?: TypedArray | readonly number[];
  readonly quantization?: QuantizationParams | null;
  /** Constants are visible to prepare (weights, shape tensors). Defaults to false. */
  readonly constant?: boolean;
}

export interface TestOutputSpec {
  readonly dtype: DType;
  readonly quantization?: QuantizationParams | null;
  /** The shape the model declares (most kernels set their own; a few keep the declared one). */
  readonly shape?: readonly number[];
}

export interface RunKernelSpec {
  readonly inputs: readonly (TestTensorSpec | null)[];
  /** The operator's intermediate tensors (integer LSTM reads quantization parameters from them). */
  readonly intermediates?: readonly TestTensorSpec[];
  readonly outputs: readonly TestOutputSpec[];
  readonly options?: BuiltinOptions | null;
  readonly version?: number;
  /** For a custom operator: its name and raw custom_options bytes. */
  readonly customCode?: string;
  readonly customOptions?: Uint8Array;
  /** How many times runKernel evaluates the prepared node (state in variable inputs carries over); 1 by default. */
  readonly invokes?: number;
}

export function toTypedArray(dtype: DType, values: TypedArray | readonly number[]): TypedArray {
  if (!Array.isArray(values)) {
    if (!isTypedArrayOf(dtype, values)) throw new TensorError(`data is not a ${dtype} array`);
    return (values as TypedArray).slice();
  }
  const out = allocTyped(dtype, values.length);
  if (out instanceof BigInt64Array) values.forEach((v, i) => { (out[i] = BigInt(v)); });
  else (out as Exclude<TypedArray, BigInt64Array>).set(values as number[]);
  return out;
}

function makeTensor(index: number, spec: TestTensorSpec): RuntimeTensor {
  const n = numElements(spec.shape);
  const data = spec.data === undefined ? allocTyped(spec.dtype, n) : toTypedArray(spec.dtype, spec.data);
  if (data.length !== n) {
    throw new TensorError(`test tensor ${index}: ${data.length} values for shape [${spec.shape.join(',')}]`);
  }
  return {
    index,
    name: `t${index}`,
    dtype: spec.dtype,
    shape: [...spec.shape],
    data,
    quantization: spec.quantization ?? null,
    isConstant: spec.constant ?? false,
  };
}

/** Parses options, prepares and evaluates `reg` (`spec.invokes` times); returns the outputs with their shapes and data. */
export function runKernel<O, D>(reg: KernelRegistration<O, D>, spec: RunKernelSpec): RuntimeTensor[] {
  return runKernelInvokes(reg, spec, spec.invokes ?? 1).at(-1)!;
}

/**
 * Prepares `reg` once and evaluates it `invokes` times on the same inputs (a stateful kernel's state carries
 * over, as between interpreter invokes); returns a copy of the outputs after each evaluation.
 */
export function runKernelInvokes<O, D>(reg: KernelRegistration<O, D>, spec: RunKernelSpec, invokes: number): RuntimeTensor[][] {
  const inputs = spec.inputs.map((s, i) => (s === null ? null : makeTensor(i, s)));
  const outputs: RuntimeTensor[] = spec.outputs.map((o, i) => ({
    index: inputs.length + i,
    name: `out${i}`,
    dtype: o.dtype,
    shape: [...(o.shape ?? [])],
    data: allocTyped(o.dtype, 0),
    quantization: o.quantization ?? null,
    isConstant: false,
  }));
  const raw = spec.options ?? null;
  const signature = { index: 0, opName: reg.name, version: spec.version ?? 1, inputs, outputs, options: raw, customCode: spec.customCode ?? null };
  if (reg.supports && !reg.supports(signature)) {
    throw new TensorError(`${reg.name} does not support these tensors`);
  }
  let memory: WasmContext | null = null;
  const dynamic = outputs.map(() => false);
  const node: NodeContext<O> = {
    ...signature,
    options: reg.parseOptions(raw, spec.customOptions ?? null),
    // A WebAssembly memory of this run's own, made only if a wasm kernel asks for one.
    get wasm() {
      memory ??= new WasmContext();
      return memory;
    },
    intermediates: (spec.intermediates ?? []).map((s, i) => makeTensor(inputs.length + outputs.length + i, s)),
    markOutputDynamic: (i) => {
      dynamic[i] = true;
    },
    resizeOutput: (i, shape) => {
      if (!dynamic[i]) throw new TensorError(`output ${i} was not marked dynamic at prepare`);
      const t = outputs[i]!;
      t.shape = [...shape];
      t.data = allocTyped(t.dtype, numElements(shape));
      return t.data;
    },
    subgraph: (i) => {
      throw new TensorError(`runKernel has no subgraph ${i}: test control flow through an Interpreter`);
    },
    resources: new ResourceStore(),
  };
  const data = reg.prepare(node);
  outputs.forEach((t, k) => {
    if (!dynamic[k]) t.data = allocTyped(t.dtype, numElements(t.shape));
  });
  const results: RuntimeTensor[][] = [];
  for (let i = 0; i < invokes; i++) {
    reg.eval(node, data);
    // The last evaluation hands out the tensors themselves (string tensors keep their elements).
    results.push(i === invokes - 1 ? outputs : outputs.map((t) => ({ ...t, shape: [...t.shape], data: t.data.slice() })));
  }
  return results;
}
