/**
 * ImageEmbedder: one feature vector per output (head), dequantized, optionally L2-normalised and scalar-
 * quantized to int8 as MediaPipe does; cosineSimilarity compares two embeddings.
 */
import type { ModelSource } from '@tflite-lambda/runtime';
import type { ImageInput } from '@tflite-lambda/vision';
import { loadFromBaseOptions, type WithBaseOptions } from '../core/base_options.js';
import { TaskError } from '../core/errors.js';
import type { Embedding, EmbeddingResult } from '../core/results.js';
import { TaskModel } from '../core/task_model.js';
import { classCountOf, dequantize } from '../classification/scores.js';
import type { InputSpec } from './image_input.js';
import { VisionInput, type ImageCallOptions, type VisionOptions } from './vision_input.js';
import { numericTensor } from '../../models/numeric_tensor.js';

export interface EmbedOptions {
  /** Scale each embedding to unit length. */
  readonly l2Normalize?: boolean;
  /** Also give `quantizedEmbedding`: each value · 128, rounded and clamped to int8 (for unit-length vectors). */
  readonly quantize?: boolean;
}

export interface ImageEmbedderOptions extends EmbedOptions, VisionOptions {}

export interface QuantizedEmbedding extends Embedding {
  readonly quantizedEmbedding?: number[];
}

export class ImageEmbedder {
  private readonly input: VisionInput;
  private readonly defaults: EmbedOptions;

  private constructor(
    readonly model: TaskModel,
    options: ImageEmbedderOptions,
  ) {
    this.input = new VisionInput(model, options, 'an image embedder');
    model.outputs.forEach((d) => { classCountOf(d); }); // each output must be one vector
    this.defaults = { l2Normalize: options.l2Normalize, quantize: options.quantize };
  }

  /** How images become the input tensor. */
  get inputSpec(): InputSpec {
    return this.input.spec;
  }

  /** Releases the model's memory (MediaPipe's close()); the task cannot run afterwards. */
  close(): void {
    this.model.dispose();
  }

  static async load(model: ModelSource, options: ImageEmbedderOptions = {}): Promise<ImageEmbedder> {
    return new ImageEmbedder(await TaskModel.load(model), options);
  }

  static async createFromOptions(options: ImageEmbedderOptions & WithBaseOptions): Promise<ImageEmbedder> {
    return new ImageEmbedder(await loadFromBaseOptions(options.baseOptions), options);
  }

  static fromTaskModel(model: TaskModel, options: ImageEmbedderOptions = {}): ImageEmbedder {
    return new ImageEmbedder(model, options);
  }

  /** The length of the first head's vectors. */
  get dimensions(): number {
    return classCountOf(this.model.outputs[0]);
  }

  embed(image: ImageInput, options: EmbedOptions = {}, call: ImageCallOptions = {}): EmbeddingResult & { embeddings: QuantizedEmbedding[] } {
    const l2 = options.l2Normalize ?? this.defaults.l2Normalize ?? false;
    const quantize = options.quantize ?? this.defaults.quantize ?? false;
    this.input.run(image, call);
    const embeddings = this.model.outputs.map((d, headIndex) => {
      let v = dequantize(numericTensor(this.model.interpreter, d.index, d.name), d);
      if (l2) v = l2Normalized(v);
      const floatEmbedding = [...v];
      const headName = this.model.outputMetadata(headIndex)?.name ?? d.name;
      const base = { headIndex, headName, floatEmbedding };
      return quantize ? { ...base, quantizedEmbedding: floatEmbedding.map((x) => Math.max(-128, Math.min(127, Math.round(x * 128)))) } : base;
    });
    return { embeddings };
  }

  /** Cosine similarity of two embeddings of the same length (MediaPipe's ImageEmbedder.cosineSimilarity). */
  static cosineSimilarity(u: Embedding, v: Embedding): number {
    return cosineSimilarity(u.floatEmbedding, v.floatEmbedding);
  }
}

function l2Normalized(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  return norm === 0 ? v : v.map((x) => x / norm);
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new TaskError('INVALID_INPUT', `cannot compare embeddings of ${a.length} and ${b.length} values`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) throw new TaskError('INVALID_INPUT', 'cannot compute the cosine similarity of a zero vector');
  return dot / Math.sqrt(na * nb);
}
