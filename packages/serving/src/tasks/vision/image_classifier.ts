/**
 * ImageClassifier: any image size, gray or RGB, float or quantized input; one classification head per
 * output, with labels, score threshold, allow/deny lists and top-K from the model's metadata or options.
 * Everything that can be decided from the model is decided at load time; a call decodes, preprocesses like
 * Pillow, invokes and reads the scores.
 */
import type { Interpreter, ModelSource, TensorDetails } from '@tflite-lambda/runtime';
import type { ImageInput } from '@tflite-lambda/vision';
import { loadFromBaseOptions, type WithBaseOptions } from '../core/base_options.js';
import type { ClassificationResult } from '../core/results.js';
import { TaskModel } from '../core/task_model.js';
import type { CategoryFilter } from '../classification/categories.js';
import { ClassificationHead, type ClassificationOptions } from '../classification/classification_head.js';
import type { InputSpec } from './image_input.js';
import { VisionInput, type ImageCallOptions, type VisionOptions } from './vision_input.js';
import { numericTensor } from '../../models/numeric_tensor.js';

export interface ImageClassifierOptions extends ClassificationOptions, VisionOptions {}

export class ImageClassifier {
  readonly heads: readonly ClassificationHead[];
  private readonly input: VisionInput;

  private constructor(
    readonly model: TaskModel,
    options: ImageClassifierOptions,
  ) {
    this.input = new VisionInput(model, options, 'an image classifier');
    this.heads = model.outputs.map((_, i) => new ClassificationHead(model, i, options));
  }

  /** Loads a model from a file path or its bytes, with its metadata. */
  /** Releases the model's memory (MediaPipe's close()); the task cannot run afterwards. */
  close(): void {
    this.model.dispose();
  }

  static async load(model: ModelSource, options: ImageClassifierOptions = {}): Promise<ImageClassifier> {
    return new ImageClassifier(await TaskModel.load(model), options);
  }

  /** MediaPipe's form: `createFromOptions({ baseOptions: { modelAssetPath }, maxResults: 3 })`. */
  static async createFromOptions(options: ImageClassifierOptions & WithBaseOptions): Promise<ImageClassifier> {
    return new ImageClassifier(await loadFromBaseOptions(options.baseOptions), options);
  }

  static fromTaskModel(model: TaskModel, options: ImageClassifierOptions = {}): ImageClassifier {
    return new ImageClassifier(model, options);
  }

  /** Wraps an interpreter that is already loaded (no metadata: labels and normalization come from options). */
  static fromInterpreter(interpreter: Interpreter, options: ImageClassifierOptions = {}): ImageClassifier {
    return new ImageClassifier(new TaskModel(interpreter), options);
  }

  /** How images become the input tensor: size, channels, dtype, normalization, inversion. */
  get inputSpec(): InputSpec {
    return this.input.spec;
  }

  get inputDetails(): TensorDetails {
    return this.model.inputs[0];
  }

  get outputDetails(): TensorDetails {
    return this.model.outputs[0];
  }

  /** The class count of the first head. */
  get numClasses(): number {
    return this.heads[0].classes;
  }

  /** The labels of the first head, or null when there are none. */
  get labels(): readonly string[] | null {
    return this.heads[0].labels.names;
  }

  /** Per-class probabilities of the first head. */
  predict(image: ImageInput, call: ImageCallOptions = {}): Float32Array {
    this.input.run(image, call);
    return this.scoresOf(0);
  }

  /** The categories of every head, best first, filtered as the options (load-time, then per call) say. */
  classify(image: ImageInput, filter: CategoryFilter = {}, call: ImageCallOptions = {}): ClassificationResult {
    this.input.run(image, call);
    return { classifications: this.heads.map((h, i) => h.classify(this.scoresOf(i), i, filter)) };
  }

  private scoresOf(head: number): Float32Array {
    const details = this.model.outputs[head];
    return this.heads[head].scores(numericTensor(this.model.interpreter, details.index, details.name), details);
  }
}
