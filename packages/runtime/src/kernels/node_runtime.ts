/**
 * What the interpreter offers kernels beyond their tensors: dynamic outputs (shapes known only at eval),
 * other subgraphs called as functions (IF, WHILE, CALL_ONCE), and the interpreter's resources (resource
 * variables, hash tables), shared by all of its subgraphs. Plain kernels never touch these.
 */
import type { DType, TypedArray } from '../core/dtype.js';
import type { StaticHashtable } from './resource/static_hashtable.js';

/** A tensor value handed to or returned from a subgraph call. */
export interface TensorValue {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

/** One subgraph of the model, callable as a function. */
export interface SubgraphCall {
  readonly index: number;
  readonly name: string;
  readonly inputs: readonly { readonly dtype: DType; readonly shape: readonly number[] }[];
  readonly outputs: readonly { readonly dtype: DType }[];
  /**
   * Prepares the subgraph for inputs of these shapes (re-planning only when they changed) and returns its
   * output shapes; null for an output whose shape is known only after running it.
   */
  prepare(inputShapes: readonly (readonly number[])[]): (number[] | null)[];
  /**
   * Runs it on `inputs` (copied in; shapes may differ from the last call) and returns its outputs, valid until
   * the subgraph runs again.
   */
  call(inputs: readonly TensorValue[]): readonly TensorValue[];
}

/** A resource variable: a tensor value owned by the interpreter, created by its first assignment. */
export interface ResourceVariable {
  dtype: DType | null;
  shape: number[];
  data: TypedArray | null;
}

/** The interpreter's resources, keyed as TFLite keys them. */
export interface Resources {
  /** The id of the variable named (container, shared_name), created on first use. */
  variableId(container: string, sharedName: string): number;
  /** The variable with `id`, created empty on first use. */
  variable(id: number): ResourceVariable;
  /**
   * The hash table with resource id `tableId`, or undefined when none was made; `create` makes it when absent
   * (TFLite's CreateHashtableResourceIfNotAvailable: a second HASHTABLE node with the id finds the first's).
   */
  hashtable(tableId: number, create?: () => StaticHashtable): StaticHashtable | undefined;
  /** Whether CALL_ONCE already ran subgraph `index` (and marks it run). */
  firstCall(subgraphIndex: number): boolean;
}
