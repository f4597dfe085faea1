/**
 * Image to model input, as a Python pipeline using Pillow would do it:
 * `Image.open(f).convert('L' or 'RGB').resize((W, H))`, then optional inversion, then the tensor encoding.
 * Every vision task goes through here, so a model meets the same pixels whichever task serves it.
 */
import type { TypedArray } from '@tflite-lambda/runtime';
import {
  DEFAULT_MAX_PIXELS,
  ImageError,
  decodeImage,
  resizeBicubic,
  toGray,
  toRgb,
  type DecodedImage,
  type Image8,
  type ImageInput,
} from '@tflite-lambda/vision';
import { applyInvert, toInputTensor, type InputSpec } from './image_input.js';

export function isDecodedImage(input: ImageInput): input is DecodedImage {
  return !(input instanceof Uint8Array) && !(input instanceof ArrayBuffer);
}

/** Decodes (or takes) the image and enforces the pixel limit. */
export function toDecoded(input: ImageInput, maxPixels = DEFAULT_MAX_PIXELS): DecodedImage {
  if (!isDecodedImage(input)) return decodeImage(input instanceof ArrayBuffer ? new Uint8Array(input) : input, { maxPixels });
  if (input.width * input.height > maxPixels) {
    throw new ImageError('IMAGE_TOO_LARGE', `image of ${input.width}x${input.height} pixels exceeds the limit of ${maxPixels}`);
  }
  return input;
}

/** Converted, resized and (optionally) inverted pixels at the model's input size. */
export function preparePixels(decoded: DecodedImage, spec: InputSpec): Image8 {
  const converted = spec.channels === 1 ? toGray(decoded) : toRgb(decoded);
  const resized = resizeBicubic(converted, spec.width, spec.height);
  return applyInvert(resized, spec.invert);
}

/** The input tensor for an image, and the decoded image's size (detections are mapped back to it). */
export function preprocess(input: ImageInput, spec: InputSpec, maxPixels?: number): { tensor: TypedArray; width: number; height: number } {
  const decoded = toDecoded(input, maxPixels);
  return { tensor: toInputTensor(preparePixels(decoded, spec), spec), width: decoded.width, height: decoded.height };
}
