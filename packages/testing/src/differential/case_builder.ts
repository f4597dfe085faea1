/**
 * Assembles one differential case: a model built with our ModelBuilder plus the input values to feed it.
 * Generators describe graphs with this; the harness runs them on LiteRT.js and on our Interpreter.
 */
import type { BuiltinOptions, DType, QuantizationParams, TypedArray } from '@tflite-lambda/runtime/internal';
import { ModelBuilder, type BuilderTensor, type SubgraphBuilder } from '@tflite-lambda/runtime/builder';
import type { Tolerance } from '../litert/compare.js';
import type { HostTensor } from '../litert/host_tensor.js';

export interface DiffCase {
  /** Test name: the op and what varies (padding, stride, dtype, shapes). */
  readonly name: string;
  readonly model: Uint8Array;
  /** Values for the subgraph inputs, in order. */
  readonly inputs: readonly HostTensor[];
  /** Per-output tolerance; the corpus tolerance for the output dtype when absent. */
  readonly tolerance?: readonly (Tolerance | undefined)[];
  /** A known failure left to another branch: the case runs as a node:test `todo` with this reason. */
  readonly todo?: string;
  /** Invokes of one loaded model on the same inputs (state carries over); 1 when absent. */
  readonly invokes?: number;
  /**
   * Which of our kernels run the case: the default resolver (SIMD kernels where they apply) when absent,
   * the TypeScript kernels alone when false.
   */
  readonly simd?: boolean;
}

/** A family of ops (one generator module): seeded cases, a few per op. */
export interface DiffFamily {
  readonly name: string;
  cases(seed: number): DiffCase[];
}

export interface TensorSpec {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly quantization?: QuantizationParams;
}

/** Per-tensor quantization parameters. */
export function perTensor(scale: number, zeroPoint: number): QuantizationParams {
  return { scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 };
}

export class CaseBuilder {
  private readonly builder = new ModelBuilder();
  private readonly values: HostTensor[] = [];
  private readonly tolerances: (Tolerance | undefined)[] = [];

  /** A subgraph input that the case feeds with `data`. */
  input(spec: TensorSpec, data: TypedArray): number {
    this.values.push({ dtype: spec.dtype, shape: [...spec.shape], data });
    return this.builder.addInput(this.tensor(spec));
  }

  /** A constant tensor (weights, shapes, axes). */
  constant(spec: TensorSpec, data: TypedArray): number {
    return this.builder.addTensor({ ...this.tensor(spec), data });
  }

  /** A constant with the builder's storage options (sparsity, int4, strings). */
  constantTensor(t: BuilderTensor): number {
    return this.builder.addTensor(t);
  }

  /** Another subgraph of the model (a branch or loop body for control flow), built through the returned builder. */
  subgraph(name: string): SubgraphBuilder {
    return this.builder.addSubgraph(name);
  }

  /** The main subgraph's own builder, for helpers written once for the main graph and other subgraphs alike. */
  mainSubgraph(): SubgraphBuilder {
    return this.builder;
  }

  /** A variable tensor (recurrent state): zero (an int8 one: its zero point) at load, kept across invokes. */
  variable(spec: TensorSpec): number {
    return this.builder.addTensor({ ...this.tensor(spec), isVariable: true });
  }

  /** An intermediate tensor between two ops. */
  intermediate(spec: TensorSpec): number {
    return this.builder.addTensor(this.tensor(spec));
  }

  /** A subgraph output; `tolerance` overrides the corpus tolerance for it. */
  output(spec: TensorSpec, tolerance?: Tolerance): number {
    this.tolerances.push(tolerance);
    return this.builder.addOutput(this.tensor(spec));
  }

  op(opcode: number, inputs: number[], outputs: number[], options: BuiltinOptions | null = null, version = 1, intermediates: number[] = []): this {
    this.builder.addOperator({ opcode, version, inputs, outputs, options, intermediates });
    return this;
  }

  /** A custom operator (`customCode`) with its FlexBuffer options. */
  customOp(customCode: string, inputs: number[], outputs: number[], customOptions?: Uint8Array, version = 1): this {
    this.builder.addOperator({ opcode: 32, version, inputs, outputs, customCode, customOptions });
    return this;
  }

  /** `invokes` > 1 runs the case that many times on one loaded model, comparing every invoke (state carries over). */
  build(name: string, invokes = 1): DiffCase {
    return { name, model: this.builder.build(), inputs: this.values, tolerance: this.tolerances, invokes };
  }

  private tensor(spec: TensorSpec): { dtype: DType; shape: number[]; quantization?: QuantizationParams } {
    const t = { dtype: spec.dtype, shape: [...spec.shape] };
    return spec.quantization ? { ...t, quantization: spec.quantization } : t;
  }
}
