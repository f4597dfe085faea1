/**
 * A model's raw tensors, for the inference protocols: named inputs in, named outputs out, for any model the
 * runtime runs. Names are the serving signature's when the model has one, else the tensors' own. An input
 * may take another shape only where the model's shape signature says the dimension is dynamic (-1).
 */
import { TensorError, type DType, type Interpreter, type TensorDetails, type TypedArray } from '@tflite-lambda/runtime';
import { numericTensor } from './numeric_tensor.js';

export interface TensorSpec {
  readonly name: string;
  readonly dtype: DType;
  /** The static shape, with -1 where the model's shape signature is dynamic. */
  readonly shape: readonly number[];
}

export interface TensorValue {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

interface Port {
  readonly spec: TensorSpec;
  readonly details: TensorDetails;
}

function portsOf(details: readonly TensorDetails[], names: ReadonlyMap<number, string>): Port[] {
  return details.map((d) => ({
    details: d,
    spec: {
      name: names.get(d.index) ?? d.name,
      dtype: d.dtype,
      shape: d.shape.map((n, i) => (d.shapeSignature[i] === -1 ? -1 : n)),
    },
  }));
}

/**
 * The endpoint describes the model from `described` and runs requests on the interpreter `runner()` gives:
 * for a model that also serves a task, a second interpreter made on the first protocol request, so a request
 * that resizes a dynamic input never changes the tensors the task relies on, and a function that only
 * serves its task pays nothing for it at cold start.
 */
export class TensorEndpoint {
  private readonly inputPorts: Port[];
  private readonly outputPorts: Port[];
  private interpreter: Interpreter | null = null;

  constructor(
    private readonly described: Interpreter,
    private readonly runner: () => Interpreter = () => described,
  ) {
    described.allocateTensors();
    const sig = described.model.signatures.find((s) => s.subgraphIndex === described.subgraphIndex);
    const names = new Map<number, string>([...(sig?.inputs ?? []), ...(sig?.outputs ?? [])].map((t) => [t.tensorIndex, t.name]));
    this.inputPorts = portsOf(described.getInputDetails(), names);
    this.outputPorts = portsOf(described.getOutputDetails(), names);
  }

  /** Releases the interpreter made for protocol requests, if one was. */
  dispose(): void {
    if (this.interpreter !== null && this.interpreter !== this.described) this.interpreter.dispose();
    this.interpreter = null;
  }

  get inputs(): TensorSpec[] {
    return this.inputPorts.map((p) => p.spec);
  }

  get outputs(): TensorSpec[] {
    return this.outputPorts.map((p) => p.spec);
  }

  /** Runs the model on every input (by name) and returns every output. */
  run(inputs: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: TypedArray }>): TensorValue[] {
    this.interpreter ??= this.runner();
    const it = this.interpreter;
    for (const name of inputs.keys()) {
      if (!this.inputPorts.some((p) => p.spec.name === name)) {
        throw new TensorError(`the model has no input '${name}' (inputs: ${this.inputPorts.map((p) => p.spec.name).join(', ')})`);
      }
    }
    for (const { spec, details } of this.inputPorts) {
      const given = inputs.get(spec.name);
      if (given === undefined) throw new TensorError(`input '${spec.name}' is missing`);
      checkShape(spec, given.shape);
      it.resizeInputTensor(details.index, given.shape);
    }
    it.allocateTensors();
    for (const { spec, details } of this.inputPorts) it.setTensor(details.index, (inputs.get(spec.name) as { data: TypedArray }).data);
    // Requests are independent: recurrent state does not carry over from the previous one (an allocation of
    // unchanged shapes keeps it).
    it.resetVariableTensors();
    it.invoke();
    return this.outputPorts.map(({ spec, details }) => ({
      name: spec.name,
      dtype: spec.dtype,
      shape: it.getTensorShape(details.index),
      data: numericTensor(it, details.index, spec.name),
    }));
  }
}

function checkShape(spec: TensorSpec, shape: readonly number[]): void {
  const fits = shape.length === spec.shape.length && shape.every((d, i) => Number.isInteger(d) && d >= 0 && (spec.shape[i] === -1 || spec.shape[i] === d));
  if (!fits) throw new TensorError(`input '${spec.name}' has shape [${spec.shape}]; got [${shape}]`);
}
