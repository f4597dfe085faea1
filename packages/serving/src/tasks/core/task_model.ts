/**
 * A model loaded for a task: the interpreter (tensors allocated), the metadata and associated files the
 * model carries, and its graph. Tasks read everything they decide from here once, at load time.
 */
import { Interpreter, TfliteError, type InterpreterOptions, type ModelSource, type TensorDetails } from '@tflite-lambda/runtime';
import { readModelMetadata, type ModelMetadata, type TensorMetadata } from '@tflite-lambda/runtime/metadata';
import { ModelGraph } from './graph.js';

export class TaskModel {
  readonly inputs: readonly TensorDetails[];
  readonly outputs: readonly TensorDetails[];
  readonly graph: ModelGraph;

  constructor(
    readonly interpreter: Interpreter,
    readonly metadata: ModelMetadata | null = null,
    readonly files: ReadonlyMap<string, Uint8Array> = new Map(),
    /** The model file's bytes, when the model was loaded from them. */
    readonly bytes: Uint8Array | null = null,
  ) {
    interpreter.allocateTensors();
    this.inputs = interpreter.getInputDetails();
    this.outputs = interpreter.getOutputDetails();
    this.graph = new ModelGraph(interpreter.model, interpreter.subgraphIndex);
  }

  /** Reads the model (a path or its bytes) with its metadata and associated files. */
  static async load(source: ModelSource, options: InterpreterOptions = {}): Promise<TaskModel> {
    return TaskModel.fromBytes(await readSource(source), options);
  }

  static fromBytes(bytes: Uint8Array | ArrayBuffer, options: InterpreterOptions = {}): TaskModel {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const { metadata, files } = readModelMetadata(view);
    return new TaskModel(Interpreter.loadSync(view, options), metadata, files, view);
  }

  /**
   * Starts a request: recurrent state (variable tensors, which TFLite carries from one invoke to the next)
   * back to its initial value, so no request sees what an earlier one left behind.
   */
  beginRequest(): void {
    this.interpreter.resetVariableTensors();
  }

  /** Releases the interpreter's memory; the model cannot run afterwards. */
  dispose(): void {
    this.interpreter.dispose();
  }

  /** The metadata of input `i` (in the subgraph's input order), if the model has any. */
  inputMetadata(i: number): TensorMetadata | undefined {
    return this.metadata?.subgraphMetadata?.[0]?.inputTensorMetadata?.[i];
  }

  outputMetadata(i: number): TensorMetadata | undefined {
    return this.metadata?.subgraphMetadata?.[0]?.outputTensorMetadata?.[i];
  }
}

async function readSource(source: ModelSource): Promise<Uint8Array> {
  if (typeof source !== 'string') return source instanceof Uint8Array ? source : new Uint8Array(source);
  const { readFile } = await import('node:fs/promises');
  try {
    return new Uint8Array(await readFile(source));
  } catch (err) {
    throw new TfliteError('IO', `cannot read model file '${source}': ${(err as Error).message}`, { cause: err });
  }
}
