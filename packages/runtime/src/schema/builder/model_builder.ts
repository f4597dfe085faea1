/**
 * A small imperative API for assembling test and converter models in subgraph 0: add tensors and operators,
 * then `build()` the .tflite bytes. Pure TypeScript over the flatbuffers Builder, no Node-only API.
 */
import { bytesPerElement, isTypedArrayOf, type DType, type TypedArray } from '../../core/dtype.js';
import { TensorError } from '../../core/errors.js';
import { packInt4 } from '../../core/int4.js';
import type { OperatorDesc, QuantizationParams, SparsityParams, SubgraphDesc, TensorDesc } from '../../core/model.js';
import { encodeStringBuffer, StringArray, utf8Bytes } from '../../core/string_data.js';
import type { BuiltinOptions } from '../../core/options.js';
import { formatShape, numElements } from '../../core/shape.js';
import { buildModel } from './build_model.js';

export interface BuilderTensor {
  name?: string;
  dtype: DType;
  shape: number[];
  shapeSignature?: number[];
  /**
   * Present = constant. A Uint8Array is taken as raw bytes; other arrays must match `dtype`. A string
   * constant takes a string[] (or a StringArray); a sparse one only its stored values, in traversal order.
   */
  data?: Uint8Array | TypedArray | readonly string[];
  quantization?: QuantizationParams;
  isVariable?: boolean;
  /** Store `data` sparsely with these parameters (the schema's SparsityParameters). */
  sparsity?: SparsityParams;
  /** Store an int8 constant as INT4, two values per byte (values must lie in [-8, 7]). */
  int4?: boolean;
}

export interface BuilderOperator {
  opcode: number;
  version?: number;
  inputs: number[];
  outputs: number[];
  options?: BuiltinOptions | null;
  customCode?: string;
  /** A custom operator's options (TFLite writes them as a FlexBuffer map). */
  customOptions?: Uint8Array;
  /** Intermediate tensors (the integer LSTM keeps its gate quantization parameters in them). */
  intermediates?: number[];
}

/** TFLite's string buffer for a string constant. */
function stringBytes(t: BuilderTensor, where: string): Uint8Array {
  const data = t.data;
  const strings = data instanceof StringArray ? data.strings : Array.isArray(data) ? data.map((s: string) => utf8Bytes(s)) : null;
  if (strings === null) throw new TensorError(`${where}: a string constant takes a string[]`);
  if (strings.length !== numElements(t.shape)) {
    throw new TensorError(`${where}: ${strings.length} strings for string${formatShape(t.shape)}`);
  }
  return encodeStringBuffer(strings);
}

/** The raw little-endian bytes of `t.data`, checked against its dtype and shape. */
function constantBytes(t: BuilderTensor, where: string): Uint8Array | null {
  if (t.data === undefined) return null;
  if (t.dtype === 'string') return stringBytes(t, where);
  const data = t.data;
  if (Array.isArray(data)) throw new TensorError(`${where}: only string constants take a plain array`);
  if (t.int4) {
    if (!(data instanceof Int8Array) || t.dtype !== 'int8') throw new TensorError(`${where}: an int4 constant takes int8 values`);
    return packInt4(data);
  }
  const kind = data.constructor.name;
  const complexPairs = t.dtype === 'complex64' && data instanceof Float32Array;
  if (!(data instanceof Uint8Array) && !complexPairs && !isTypedArrayOf(t.dtype, data)) {
    throw new TensorError(`${where}: data is a ${kind}, not an array of ${t.dtype}`);
  }
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (t.sparsity) return bytes;
  const need = numElements(t.shape) * bytesPerElement(t.dtype);
  if (bytes.byteLength !== need) {
    throw new TensorError(`${where}: ${bytes.byteLength} data bytes for ${t.dtype}${formatShape(t.shape)} (needs ${need})`);
  }
  return bytes;
}

/** One subgraph's tensors and operators, built imperatively. */
export class SubgraphBuilder {
  private readonly tensors: TensorDesc[] = [];
  private readonly inputs: number[] = [];
  private readonly outputs: number[] = [];
  private readonly operators: OperatorDesc[] = [];

  /** @param index the subgraph's index in the model (what IF, WHILE and CALL_ONCE options refer to). */
  constructor(readonly index: number, readonly name: string) {}

  /** Adds a tensor to subgraph 0 and returns its index. */
  addTensor(t: BuilderTensor): number {
    const index = this.tensors.length;
    const name = t.name ?? `t${index}`;
    this.tensors.push({
      name,
      dtype: t.dtype,
      shape: [...t.shape],
      shapeSignature: t.shapeSignature ? [...t.shapeSignature] : null,
      buffer: 0,
      data: constantBytes(t, `tensor ${index} '${name}'`),
      quantization: t.quantization ?? null,
      isVariable: t.isVariable ?? false,
      ...(t.sparsity ? { sparsity: t.sparsity } : {}),
      ...(t.int4 ? { packedInt4: true } : {}),
    });
    return index;
  }

  addInput(t: BuilderTensor): number {
    const index = this.addTensor(t);
    this.inputs.push(index);
    return index;
  }

  addOutput(t: BuilderTensor): number {
    const index = this.addTensor(t);
    this.markOutput(index);
    return index;
  }

  markOutput(index: number): void {
    this.checkIndex(index, 'output');
    this.outputs.push(index);
  }

  /** Adds an operator (run in the order added) and returns its index. */
  addOperator(op: BuilderOperator): number {
    op.inputs.forEach((i) => { i === -1 || this.checkIndex(i, 'operator input'); });
    op.outputs.forEach((i) => { this.checkIndex(i, 'operator output'); });
    (op.intermediates ?? []).forEach((i) => { this.checkIndex(i, 'operator intermediate'); });
    this.operators.push({
      opcode: op.opcode,
      version: op.version ?? 1,
      customCode: op.customCode ?? null,
      inputs: [...op.inputs],
      outputs: [...op.outputs],
      intermediates: [...(op.intermediates ?? [])],
      options: op.options ?? null,
      customOptions: op.customOptions ?? null,
    });
    return this.operators.length - 1;
  }

  /** The subgraph as the model description holds it. */
  describe(): SubgraphDesc {
    return { name: this.name, tensors: this.tensors, inputs: this.inputs, outputs: this.outputs, operators: this.operators };
  }

  private checkIndex(index: number, what: string): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.tensors.length) {
      throw new TensorError(`${what} ${index} is not a tensor of this model (${this.tensors.length} tensors)`);
    }
  }
}

/**
 * A model: subgraph 0 ('main') is built through this object's own methods; `addSubgraph` adds more (bodies
 * and branches for control flow), each built through the SubgraphBuilder it returns.
 */
export class ModelBuilder extends SubgraphBuilder {
  private readonly extra: SubgraphBuilder[] = [];

  constructor() {
    super(0, 'main');
  }

  addSubgraph(name: string): SubgraphBuilder {
    const sg = new SubgraphBuilder(this.extra.length + 1, name);
    this.extra.push(sg);
    return sg;
  }

  /** A valid .tflite flatbuffer ("TFL3"). */
  build(): Uint8Array {
    return buildModel({
      version: 3,
      description: 'tflite-lambda ModelBuilder',
      subgraphs: [this.describe(), ...this.extra.map((sg) => sg.describe())],
      signatures: [],
      metadata: [],
    });
  }
}

/** One operator: tensors with data become constants, the rest subgraph inputs; all outputs are model outputs. */
export function singleOpModel(spec: {
  opcode: number;
  version?: number;
  options?: BuiltinOptions | null;
  inputs: BuilderTensor[];
  outputs: BuilderTensor[];
}): Uint8Array {
  const m = new ModelBuilder();
  const inputs = spec.inputs.map((t) => (t.data !== undefined ? m.addTensor(t) : m.addInput(t)));
  const outputs = spec.outputs.map((t) => m.addOutput(t));
  m.addOperator({ opcode: spec.opcode, version: spec.version, inputs, outputs, options: spec.options ?? null });
  return m.build();
}
