/**
 * ImageSegmenter for models whose output is per-class scores [1, H, W, C] (DeepLab-style) or a category
 * mask [1, H, W]: a category mask and, on request, per-class confidence masks, at the image's size (as
 * MediaPipe returns them) or the model's, with the model's labels.
 */
import type { ModelSource, TensorDetails } from '@tflite-lambda/runtime';
import type { ImageInput } from '@tflite-lambda/vision';
import { loadFromBaseOptions, type WithBaseOptions } from '../core/base_options.js';
import { TaskError } from '../core/errors.js';
import type { ImageSegmenterResult, Mask } from '../core/results.js';
import { TaskModel } from '../core/task_model.js';
import { headLabels, type LabelsOption } from '../classification/labels.js';
import { dequantize } from '../classification/scores.js';
import { activateGrid, categoryMaskOf, confidenceMasksOf, placeInImage, scaleNearest, type ScoreGrid } from './segmentation_masks.js';
import type { InputSpec } from './image_input.js';
import { VisionInput, type ImageCallOptions, type VisionOptions } from './vision_input.js';
import { numericTensor } from '../../models/numeric_tensor.js';

export interface SegmentOptions {
  /** Default true. */
  readonly outputCategoryMask?: boolean;
  /** Default false (MediaPipe's default is true; per-class masks at image size are large). */
  readonly outputConfidenceMasks?: boolean;
  /** 'image' (default): masks at the input image's size; 'model': at the model output's size. */
  readonly maskSize?: 'image' | 'model';
}

export interface ImageSegmenterOptions extends SegmentOptions, VisionOptions {
  readonly labels?: LabelsOption;
  readonly displayNamesLocale?: string;
  /** 'auto' (default): softmax (sigmoid for one channel) unless the graph already ends in one. */
  readonly outputActivation?: 'auto' | 'softmax' | 'sigmoid' | 'none';
}

export class ImageSegmenter {
  private readonly input: VisionInput;
  private readonly output: TensorDetails;
  readonly labels: string[];
  private readonly activation: 'softmax' | 'sigmoid' | 'none';
  private readonly defaults: SegmentOptions;

  private constructor(
    readonly model: TaskModel,
    options: ImageSegmenterOptions,
  ) {
    this.input = new VisionInput(model, options, 'an image segmenter');
    if (model.outputs.length !== 1) {
      throw new TaskError('UNSUPPORTED_MODEL', `an image segmenter needs one output; this model has ${model.outputs.length}`);
    }
    this.output = model.outputs[0];
    const { shape } = this.output;
    if (shape[0] !== 1 || (shape.length !== 3 && shape.length !== 4)) {
      throw new TaskError('UNSUPPORTED_MODEL', `segmentation output '${this.output.name}' has shape [${shape}]; expected [1,H,W,C] or [1,H,W]`);
    }
    const classes = shape.length === 4 ? shape[3] : 0;
    const names = headLabels(options.labels, model.outputMetadata(0), model.files).names;
    if (names && classes > 0 && names.length !== classes) {
      throw new TaskError('BAD_OPTIONS', `${names.length} labels given for ${classes} classes of output '${this.output.name}'`);
    }
    this.labels = names ? [...names] : Array.from({ length: classes }, () => '');
    const auto = model.graph.isProbabilityOutput(this.output.index) ? 'none' : classes === 1 ? 'sigmoid' : 'softmax';
    this.activation = !options.outputActivation || options.outputActivation === 'auto' ? auto : options.outputActivation;
    this.defaults = { outputCategoryMask: options.outputCategoryMask, outputConfidenceMasks: options.outputConfidenceMasks, maskSize: options.maskSize };
  }

  /** How images become the input tensor. */
  get inputSpec(): InputSpec {
    return this.input.spec;
  }

  /** Releases the model's memory (MediaPipe's close()); the task cannot run afterwards. */
  close(): void {
    this.model.dispose();
  }

  static async load(model: ModelSource, options: ImageSegmenterOptions = {}): Promise<ImageSegmenter> {
    return new ImageSegmenter(await TaskModel.load(model), options);
  }

  static async createFromOptions(options: ImageSegmenterOptions & WithBaseOptions): Promise<ImageSegmenter> {
    return new ImageSegmenter(await loadFromBaseOptions(options.baseOptions), options);
  }

  static fromTaskModel(model: TaskModel, options: ImageSegmenterOptions = {}): ImageSegmenter {
    return new ImageSegmenter(model, options);
  }

  segment(image: ImageInput, options: SegmentOptions = {}, call: ImageCallOptions = {}): ImageSegmenterResult {
    const o = { ...this.defaults, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as SegmentOptions;
    const seen = this.input.run(image, call);
    const [modelW, modelH] = [this.output.shape[2], this.output.shape[1]];
    const onImage = o.maskSize !== 'model';
    const { region } = seen;
    const place = <T extends Uint8Array | Float32Array>(m: Mask<T>) => (onImage ? placeInImage(m, seen.width, seen.height, region) : m);
    const [width, height] = onImage ? [region.width, region.height] : [modelW, modelH];
    const raw = dequantize(numericTensor(this.model.interpreter, this.output.index, this.output.name), this.output);
    if (this.output.shape.length === 3) {
      const mask = { width: modelW, height: modelH, data: Uint8Array.from(raw, (v) => Math.max(0, Math.min(255, Math.round(v)))) };
      return { categoryMask: place(scaleNearest(mask, width, height)), labels: this.labels };
    }
    const grid: ScoreGrid = activateGrid({ width: modelW, height: modelH, classes: this.output.shape[3], data: raw }, this.activation);
    const result: { categoryMask?: Mask<Uint8Array>; confidenceMasks?: Mask<Float32Array>[] } = {};
    if (o.outputCategoryMask ?? true) result.categoryMask = place(scaleNearest(categoryMaskOf(grid), width, height));
    if (o.outputConfidenceMasks) result.confidenceMasks = confidenceMasksOf(grid, width, height).map(place);
    return { ...result, labels: this.labels };
  }
}
