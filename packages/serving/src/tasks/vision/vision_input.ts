/** The image input of a vision task: settled at load, then each call preprocesses an image into the model. */
import type { ImageInput } from '@tflite-lambda/vision';
import { TaskError } from '../core/errors.js';
import type { TaskModel } from '../core/task_model.js';
import { inputSpecOf, type InputSpec, type InputSpecOptions } from './image_input.js';
import { preprocess } from './preprocess.js';

export interface VisionOptions extends InputSpecOptions {
  /** Refuse images with more pixels than this (checked from the header before decoding). Default 25_000_000. */
  readonly maxPixels?: number;
}

export class VisionInput {
  readonly spec: InputSpec;
  private readonly maxPixels: number | undefined;

  constructor(
    private readonly model: TaskModel,
    options: VisionOptions,
    task: string,
  ) {
    if (model.inputs.length !== 1) {
      throw new TaskError('UNSUPPORTED_MODEL', `${task} needs a model with one image input; this one has ${model.inputs.length} inputs`);
    }
    this.spec = inputSpecOf(model.inputs[0], model.inputMetadata(0), options);
    this.maxPixels = options.maxPixels;
  }

  /** Preprocesses `image` into the input tensor and runs the model; returns the image's original size. */
  run(image: ImageInput): { width: number; height: number } {
    const { tensor, width, height } = preprocess(image, this.spec, this.maxPixels);
    this.model.interpreter.setTensor(this.spec.index, tensor);
    this.model.interpreter.invoke();
    return { width, height };
  }
}
