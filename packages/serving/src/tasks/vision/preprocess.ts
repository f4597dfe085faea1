/**
 * Image to model input, as a Python pipeline using Pillow would do it:
 * `Image.open(f).convert('L' or 'RGB').crop(box).resize((W, H))`, then optional inversion, then the tensor
 * encoding. Decoding, conversion, crop and resize are vision's prepareImage (the pipeline training uses too):
 * row by row, within the image limits and the call's deadline. Every vision task goes through here, so a
 * model meets the same pixels whichever task serves it.
 */
import type { TypedArray } from '@tflite-lambda/runtime';
import { prepareImage, type ImageInput, type ImageLimits, type PreparedImage, type Region } from '@tflite-lambda/vision';
import { applyInvert, toInputTensor, type InputSpec } from './image_input.js';

export type { Region };

/**
 * 'stretch' resizes the whole image to the input (Pillow's resize, TFLite Task Library's default); 'crop'
 * first takes the largest centred region with the input's aspect ratio, as ImageNet evaluation crops, so a
 * portrait photo is not squeezed.
 */
export type Fit = 'stretch' | 'crop';

export function regionOf(width: number, height: number, spec: InputSpec, fit: Fit = 'stretch'): Region {
  if (fit === 'stretch') return { x: 0, y: 0, width, height };
  const scale = Math.min(width / spec.width, height / spec.height);
  const w = Math.max(1, Math.round(spec.width * scale));
  const h = Math.max(1, Math.round(spec.height * scale));
  return { x: Math.floor((width - w) / 2), y: Math.floor((height - h) / 2), width: w, height: h };
}

/** Converted, cropped, resized and (optionally) inverted pixels at the model's input size, with the source's size. */
export function preparePixels(input: ImageInput, spec: InputSpec, limits: Partial<ImageLimits> = {}, fit: Fit = 'stretch'): PreparedImage {
  const target = { width: spec.width, height: spec.height, channels: spec.channels, region: (w: number, h: number) => regionOf(w, h, spec, fit) };
  const pixels = prepareImage(input, target, limits);
  applyInvert(pixels, spec.invert);
  return pixels;
}

/** The input tensor for an image, the decoded image's size and the region the model saw (to map results back). */
export function preprocess(
  input: ImageInput,
  spec: InputSpec,
  limits: Partial<ImageLimits> = {},
  fit: Fit = 'stretch',
): { tensor: TypedArray; width: number; height: number; region: Region } {
  const pixels = preparePixels(input, spec, limits, fit);
  return { tensor: toInputTensor(pixels, spec), width: pixels.source.width, height: pixels.source.height, region: pixels.region };
}
