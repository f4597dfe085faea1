/** The image input of a vision task: settled at load, then each call preprocesses an image into the model. */
import type { ImageInput, ImageLimits } from '@tflite-lambda/vision';
import { TaskError } from '../core/errors.js';
import type { TaskModel } from '../core/task_model.js';
import { inputSpecOf, type InputSpec, type InputSpecOptions } from './image_input.js';
import { preprocess, type Fit, type Region } from './preprocess.js';

export interface VisionOptions extends InputSpecOptions {
  /** Refuse images with more pixels than this (checked from the header before decoding). Default 16_000_000. */
  readonly maxPixels?: number;
  /** The other image limits (each dimension, decoded bytes, JPEG scan work); vision's DEFAULT_IMAGE_LIMITS where absent. */
  readonly imageLimits?: Partial<Omit<ImageLimits, 'deadline'>>;
  /** 'stretch' (default): the whole image, resized; 'crop': the largest centred region of the input's aspect ratio. */
  readonly fit?: Fit;
}

/** Per call: when decoding and resizing the image must be done (performance.now() milliseconds). */
export interface ImageCallOptions {
  readonly deadline?: number;
}

/** The original image's size and the region of it the model saw. */
export interface SeenImage {
  readonly width: number;
  readonly height: number;
  readonly region: Region;
}

export class VisionInput {
  readonly spec: InputSpec;
  private readonly limits: Partial<Omit<ImageLimits, 'deadline'>>;
  private readonly fit: Fit;

  constructor(
    private readonly model: TaskModel,
    options: VisionOptions,
    task: string,
  ) {
    if (model.inputs.length !== 1) {
      throw new TaskError('UNSUPPORTED_MODEL', `${task} needs a model with one image input; this one has ${model.inputs.length} inputs`);
    }
    this.spec = inputSpecOf(model.inputs[0], model.inputMetadata(0), options);
    this.limits = { ...options.imageLimits, ...(options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels }) };
    this.fit = options.fit ?? 'stretch';
    if (this.fit !== 'stretch' && this.fit !== 'crop') throw new TaskError('BAD_OPTIONS', `fit must be 'stretch' or 'crop', got '${String(this.fit)}'`);
  }

  /** Preprocesses `image` into the input tensor (by `call.deadline`) and runs the model. */
  run(image: ImageInput, call: ImageCallOptions = {}): SeenImage {
    const { tensor, width, height, region } = preprocess(image, this.spec, { ...this.limits, deadline: call.deadline }, this.fit);
    this.model.beginRequest();
    this.model.interpreter.setTensor(this.spec.index, tensor);
    this.model.interpreter.invoke();
    return { width, height, region };
  }
}
