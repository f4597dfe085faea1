import { TensorError } from '../core/errors.js';
import type { SignatureDesc } from '../core/model.js';
import { isShapedData, type ShapedTensorData, type TensorData } from './tensor_values.js';

/** The part of Interpreter a signature runner drives (kept structural to avoid an import cycle). */
interface Runnable {
  resizeInputTensor(index: number, shape: readonly number[]): void;
  allocateTensors(): void;
  setTensor(index: number, data: TensorData): void;
  invoke(): void;
  getTensor(index: number): TensorData;
  getTensorShape(index: number): number[];
}

/** Runs a model signature by input/output names, like TFLite's SignatureRunner. */
export class SignatureRunner {
  constructor(
    private readonly interpreter: Runnable,
    readonly signature: SignatureDesc,
  ) {}

  /** Sets every named input (resizing to `shape` when given), invokes, and returns outputs by name. */
  run(inputs: Record<string, TensorData | ShapedTensorData>): Record<string, TensorData> {
    const it = this.interpreter;
    for (const name of Object.keys(inputs)) {
      if (!this.signature.inputs.some((t) => t.name === name)) {
        throw new TensorError(`signature '${this.signature.key}' has no input '${name}'`);
      }
    }
    for (const t of this.signature.inputs) {
      const x = inputs[t.name];
      if (x === undefined) throw new TensorError(`signature '${this.signature.key}': missing input '${t.name}'`);
      if (isShapedData(x)) it.resizeInputTensor(t.tensorIndex, x.shape);
    }
    it.allocateTensors();
    for (const t of this.signature.inputs) {
      const x = inputs[t.name];
      it.setTensor(t.tensorIndex, isShapedData(x) ? x.data : x);
    }
    it.invoke();
    const out: Record<string, TensorData> = {};
    for (const t of this.signature.outputs) out[t.name] = it.getTensor(t.tensorIndex);
    return out;
  }
}
