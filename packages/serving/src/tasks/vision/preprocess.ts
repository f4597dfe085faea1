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

/** The part of an image the model sees, in the image's pixels. */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

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

function cropped(image: Image8, r: Region): Image8 {
  if (r.x === 0 && r.y === 0 && r.width === image.width && r.height === image.height) return image;
  const c = image.channels;
  const data = new Uint8Array(r.width * r.height * c);
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * image.width + r.x) * c;
    data.set(image.data.subarray(from, from + r.width * c), y * r.width * c);
  }
  return { width: r.width, height: r.height, channels: image.channels, data };
}

/** Converted, cropped, resized and (optionally) inverted pixels at the model's input size. */
export function preparePixels(decoded: DecodedImage, spec: InputSpec, region?: Region): Image8 {
  const converted = spec.channels === 1 ? toGray(decoded) : toRgb(decoded);
  const resized = resizeBicubic(region ? cropped(converted, region) : converted, spec.width, spec.height);
  return applyInvert(resized, spec.invert);
}

/** The input tensor for an image, the decoded image's size and the region the model saw (to map results back). */
export function preprocess(
  input: ImageInput,
  spec: InputSpec,
  maxPixels?: number,
  fit: Fit = 'stretch',
): { tensor: TypedArray; width: number; height: number; region: Region } {
  const decoded = toDecoded(input, maxPixels);
  const region = regionOf(decoded.width, decoded.height, spec, fit);
  return { tensor: toInputTensor(preparePixels(decoded, spec, region), spec), width: decoded.width, height: decoded.height, region };
}
