/**
 * Image to model input, as a Python pipeline using Pillow would do it:
 * `Image.open(f).convert('L' or 'RGB').resize((W, H))` (vision's prepareImage, the pipeline training uses
 * too), then optional inversion, then the tensor encoding.
 */
import type { TypedArray } from '@tflite-lambda/runtime';
import { prepareImage, type Image8, type ImageInput, type ImageLimits } from '@tflite-lambda/vision';
import { applyInvert, toInputTensor, type InputSpec } from './input.js';
import type { ClassifierOptions, PredictOptions } from './options.js';

/** The image limits of these options, with the call's deadline. */
export function limitsOf(options: ClassifierOptions, call: PredictOptions = {}): Partial<ImageLimits> {
  return { ...options.imageLimits, maxPixels: options.maxPixels ?? options.imageLimits?.maxPixels, deadline: call.deadline };
}

/** Converted, resized and (optionally) inverted pixels at the model's input size. */
export function preparePixels(input: ImageInput, spec: InputSpec, options: ClassifierOptions = {}, call: PredictOptions = {}): Image8 {
  return applyInvert(prepareImage(input, spec, limitsOf(options, call)), options.invert);
}

export function preprocess(input: ImageInput, spec: InputSpec, options: ClassifierOptions = {}, call: PredictOptions = {}): TypedArray {
  return toInputTensor(preparePixels(input, spec, options, call), spec, options.normalization);
}
