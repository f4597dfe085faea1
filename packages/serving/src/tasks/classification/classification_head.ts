/**
 * One classification head: an output tensor with its labels, activation and calibration, all settled at
 * load time. Each call turns the raw output into scores and the scores into the requested categories.
 */
import type { TensorDetails, TypedArray } from '@tflite-lambda/runtime';
import { TaskError } from '../core/errors.js';
import type { Classifications } from '../core/results.js';
import type { TaskModel } from '../core/task_model.js';
import { checkFilter, definedFilter, selectCategories, type CategoryFilter } from './categories.js';
import { headLabels, type HeadLabels, type LabelsOption } from './labels.js';
import { calibrate, calibrationOf, type ScoreCalibration } from './score_calibration.js';
import { applyActivation, classCountOf, dequantize, resolveActivation, type OutputActivation } from './scores.js';

/** Options every classifier takes (MediaPipe's ClassifierOptions, plus labels and the output activation). */
export interface ClassificationOptions extends CategoryFilter {
  /** Class names, overriding the model's: an array or the path of a file with one label per line. */
  readonly labels?: LabelsOption;
  /** The locale of the metadata labels file to take display names from (e.g. 'fr'). */
  readonly displayNamesLocale?: string;
  /** 'auto' (default): softmax of logits, nothing for outputs already computed by SOFTMAX or LOGISTIC. */
  readonly outputActivation?: OutputActivation;
}

export class ClassificationHead {
  readonly classes: number;
  readonly labels: HeadLabels;
  readonly name: string;
  private readonly activation: Exclude<OutputActivation, 'auto'>;
  private readonly calibration: ScoreCalibration | null;
  private readonly defaultFilter: CategoryFilter;

  constructor(
    model: TaskModel,
    readonly outputIndex: number,
    options: ClassificationOptions,
  ) {
    const details = this.details(model);
    const meta = model.outputMetadata(outputIndex);
    this.classes = classCountOf(details);
    this.name = meta?.name ?? details.name;
    this.labels = headLabels(options.labels, meta, model.files, { displayNamesLocale: options.displayNamesLocale });
    if (this.labels.names && this.labels.names.length !== this.classes) {
      throw new TaskError('BAD_OPTIONS', `${this.labels.names.length} labels given for ${this.classes} classes of output '${details.name}'`);
    }
    this.activation = resolveActivation(options.outputActivation, model.graph, details);
    this.calibration = calibrationOf(meta, model.files, this.classes);
    const threshold = meta?.processUnits?.find((u) => u.kind === 'scoreThresholding');
    const metaThreshold = threshold?.kind === 'scoreThresholding' ? threshold.globalScoreThreshold : undefined;
    this.defaultFilter = { scoreThreshold: metaThreshold, ...definedFilter(options) };
    checkFilter(this.defaultFilter, this.labels);
  }

  private details(model: TaskModel): TensorDetails {
    return model.outputs[this.outputIndex];
  }

  /** Per-class scores from the raw output tensor. */
  scores(raw: TypedArray, details: TensorDetails): Float32Array {
    const activated = applyActivation(dequantize(raw, details), this.activation);
    return this.calibration ? calibrate(activated, this.calibration) : activated;
  }

  /** The categories `filter` asks for (per-call options override those given at load). */
  classify(scores: Float32Array, headIndex: number, filter: CategoryFilter = {}): Classifications {
    const merged = { ...this.defaultFilter, ...definedFilter(filter) };
    if (filter !== this.defaultFilter) checkFilter(merged, this.labels);
    return { categories: selectCategories(scores, this.labels, merged), headIndex, headName: this.name };
  }
}
