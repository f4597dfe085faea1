/**
 * ObjectDetector for SSD-style models ending in TFLite_Detection_PostProcess: boxes in the original
 * image's pixels, one category per detection (label, score), filtered by score threshold, allow/deny lists
 * and max results, in the order the model ranks them.
 */
import type { ModelSource } from '@tflite-lambda/runtime';
import type { ImageInput } from '@tflite-lambda/vision';
import { loadFromBaseOptions, type WithBaseOptions } from '../core/base_options.js';
import type { BoundingBox, Detection, DetectionResult } from '../core/results.js';
import { TaskModel } from '../core/task_model.js';
import { categoryOf, checkFilter, definedFilter, type CategoryFilter } from '../classification/categories.js';
import { headLabels, type HeadLabels, type LabelsOption } from '../classification/labels.js';
import { dequantize } from '../classification/scores.js';
import { boxEdges, boxLayout, findDetectionOutputs, labelOffsetOf, type BoxLayout, type DetectionOutputs } from './detection_outputs.js';
import type { InputSpec } from './image_input.js';
import { VisionInput, type ImageCallOptions, type SeenImage, type VisionOptions } from './vision_input.js';
import { numericTensor } from '../../models/numeric_tensor.js';

export interface ObjectDetectorOptions extends CategoryFilter, VisionOptions {
  /** Class names (index = class value + labelOffset): an array or a file. Default: the model's metadata. */
  readonly labels?: LabelsOption;
  readonly displayNamesLocale?: string;
  /** Entries to skip at the start of the labels (a background). Default: inferred from the model's class count. */
  readonly labelOffset?: number;
}

export class ObjectDetector {
  private readonly input: VisionInput;
  private readonly outputs: DetectionOutputs;
  private readonly layout: BoxLayout;
  readonly labels: HeadLabels;
  private readonly labelOffset: number;
  private readonly defaultFilter: CategoryFilter;

  private constructor(
    readonly model: TaskModel,
    options: ObjectDetectorOptions,
  ) {
    this.input = new VisionInput(model, options, 'an object detector');
    this.outputs = findDetectionOutputs(model);
    this.layout = boxLayout(model, this.outputs.boxes);
    const labels = headLabels(options.labels, model.outputMetadata(this.outputs.classes), model.files, {
      type: 'TENSOR_VALUE_LABELS',
      displayNamesLocale: options.displayNamesLocale,
    });
    this.labelOffset = options.labelOffset ?? labelOffsetOf(labels.names, this.outputs.numClasses);
    // Category names by class value: the offset applied once, here.
    const shift = (names: readonly string[] | null) => (names ? names.slice(this.labelOffset) : null);
    this.labels = { names: shift(labels.names), displayNames: shift(labels.displayNames) };
    const threshold = model.outputMetadata(this.outputs.scores)?.processUnits?.find((u) => u.kind === 'scoreThresholding');
    this.defaultFilter = {
      scoreThreshold: threshold?.kind === 'scoreThresholding' ? threshold.globalScoreThreshold : undefined,
      ...definedFilter(options),
    };
    checkFilter(this.defaultFilter, this.labels);
  }

  /** How images become the input tensor. */
  get inputSpec(): InputSpec {
    return this.input.spec;
  }

  /** Releases the model's memory (MediaPipe's close()); the task cannot run afterwards. */
  close(): void {
    this.model.dispose();
  }

  static async load(model: ModelSource, options: ObjectDetectorOptions = {}): Promise<ObjectDetector> {
    return new ObjectDetector(await TaskModel.load(model), options);
  }

  static async createFromOptions(options: ObjectDetectorOptions & WithBaseOptions): Promise<ObjectDetector> {
    return new ObjectDetector(await loadFromBaseOptions(options.baseOptions), options);
  }

  static fromTaskModel(model: TaskModel, options: ObjectDetectorOptions = {}): ObjectDetector {
    return new ObjectDetector(model, options);
  }

  detect(image: ImageInput, filter: CategoryFilter = {}, call: ImageCallOptions = {}): DetectionResult {
    const merged = { ...this.defaultFilter, ...definedFilter(filter) };
    checkFilter(merged, this.labels);
    const size = this.input.run(image, call);
    const read = (output: number) => {
      const d = this.model.outputs[output];
      return dequantize(numericTensor(this.model.interpreter, d.index, d.name), d);
    };
    const [boxes, classes, scores, count] = [read(this.outputs.boxes), read(this.outputs.classes), read(this.outputs.scores), read(this.outputs.count)];
    const n = Math.max(0, Math.min(Math.round(count[0]), this.outputs.maxDetections));
    const allow = merged.categoryAllowlist?.length ? new Set(merged.categoryAllowlist) : null;
    const deny = merged.categoryDenylist?.length ? new Set(merged.categoryDenylist) : null;
    const detections: Detection[] = [];
    for (let i = 0; i < n; i++) {
      const category = categoryOf(Math.round(classes[i]), scores[i], this.labels);
      if (!(category.score >= (merged.scoreThreshold ?? -Infinity))) continue;
      if ((allow && !allow.has(category.categoryName)) || deny?.has(category.categoryName)) continue;
      detections.push({ boundingBox: this.pixelBox(boxes.subarray(4 * i, 4 * i + 4), size), categories: [category] });
      if (merged.maxResults !== undefined && merged.maxResults !== -1 && detections.length >= merged.maxResults) break;
    }
    return { detections };
  }

  /** The box in the original image's pixels: ratios of the input are ratios of the region the model saw. */
  private pixelBox(values: Float32Array, seen: SeenImage): BoundingBox {
    const { width: inW, height: inH } = this.input.spec;
    const [l, t, r, b] = boxEdges(values, this.layout, inW, inH);
    const { region } = seen;
    const clampX = (v: number) => Math.min(seen.width, Math.max(0, Math.round(region.x + v * region.width)));
    const clampY = (v: number) => Math.min(seen.height, Math.max(0, Math.round(region.y + v * region.height)));
    const [x0, y0, x1, y1] = [clampX(Math.min(l, r)), clampY(Math.min(t, b)), clampX(Math.max(l, r)), clampY(Math.max(t, b))];
    return { originX: x0, originY: y0, width: x1 - x0, height: y1 - y0 };
  }
}
