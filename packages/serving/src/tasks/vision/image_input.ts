/**
 * Input adaptation: which image the model wants (size, gray or RGB) and how pixels become its input tensor
 * (uint8 as they are, int8 quantized, float32 normalised). The metadata's ImageProperties and
 * NormalizationOptions are used when the model has them; otherwise the tensor's shape and dtype decide.
 */
import type { TensorDetails, TypedArray } from '@tflite-lambda/runtime';
import type { TensorMetadata } from '@tflite-lambda/runtime/metadata';
import type { Image8 } from '@tflite-lambda/vision';
import { TaskError } from '../core/errors.js';
import { metadataNormalization, normalizer, type Normalization } from './normalization.js';

export type InputDType = 'uint8' | 'int8' | 'float32';

export interface InputSpec {
  readonly index: number;
  readonly width: number;
  readonly height: number;
  /** 1 for [1,H,W] and [1,H,W,1] (gray), 3 for [1,H,W,3] (RGB). */
  readonly channels: 1 | 3;
  readonly dtype: InputDType;
  /** Quantization of int8 inputs (scale 1 and zero point -128 when the model has none). */
  readonly scale: number;
  readonly zeroPoint: number;
  /** From the options, else the metadata, else none (pixels as 0..255). */
  readonly normalization: Normalization;
  /** Inversion of gray levels: options, else 'auto' for MNIST-format inputs (see defaultInvert). */
  readonly invert: boolean | 'auto';
}

export interface InputSpecOptions {
  readonly normalization?: Normalization;
  readonly invert?: boolean | 'auto';
}

export function inputSpecOf(details: TensorDetails, meta?: TensorMetadata, options: InputSpecOptions = {}): InputSpec {
  const { shape, dtype, quantization } = details;
  const layout = `input '${details.name}' has shape [${shape}] and dtype ${dtype}`;
  if (dtype !== 'uint8' && dtype !== 'int8' && dtype !== 'float32') {
    throw new TaskError('UNSUPPORTED_MODEL', `${layout}; expected uint8, int8 or float32`);
  }
  const gray3d = shape.length === 3;
  const nhwc = shape.length === 4 && (shape[3] === 1 || shape[3] === 3);
  if (shape[0] !== 1 || (!gray3d && !nhwc) || shape[1] < 1 || shape[2] < 1) {
    throw new TaskError('UNSUPPORTED_MODEL', `${layout}; expected [1,H,W], [1,H,W,1] or [1,H,W,3]`);
  }
  const channels = gray3d || shape[3] === 1 ? 1 : 3;
  const props = meta?.content?.properties;
  const declared = props?.kind === 'image' ? props.colorSpace : 'UNKNOWN';
  if ((declared === 'RGB' && channels !== 3) || (declared === 'GRAYSCALE' && channels !== 1)) {
    throw new TaskError('UNSUPPORTED_MODEL', `${layout}, but its metadata declares a ${declared} image`);
  }
  const quantized = dtype === 'int8' && quantization.scale.length > 0;
  const normalization = options.normalization ?? metadataNormalization(meta) ?? 'none';
  normalizer(normalization, channels); // validates mean/std now rather than per call
  const size = { height: shape[1], width: shape[2] };
  return {
    index: details.index,
    ...size,
    channels,
    dtype,
    scale: quantized ? quantization.scale[0] : 1,
    zeroPoint: quantized ? quantization.zeroPoint[0] : -128,
    normalization,
    invert: options.invert ?? defaultInvert(channels, size.width, size.height),
  };
}

/**
 * MNIST and its family (Fashion-, K-, EMNIST) are 28×28 gray images drawn light on dark, while photos and
 * scans of ink on paper are dark on light: for that input format the default is to invert dark-on-light
 * images. Any other input is left as it is unless the caller asks.
 */
export function defaultInvert(channels: number, width: number, height: number): boolean | 'auto' {
  return channels === 1 && width === 28 && height === 28 ? 'auto' : false;
}

/** The model input tensor for an image already converted and resized to the spec. */
export function toInputTensor(image: Image8, spec: InputSpec): TypedArray {
  const { data } = image;
  if (spec.dtype === 'uint8') return data.slice();
  const real = normalizer(spec.normalization, spec.channels);
  const channelOf = (i: number): number => (spec.channels === 1 ? 0 : i % 3);
  if (spec.dtype === 'float32') {
    const out = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = real(data[i], channelOf(i));
    return out;
  }
  // int8: q = round(r / scale) + zeroPoint, saturated (TFLite's QUANTIZE rounds half away from zero).
  const out = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const q = roundHalfAway(real(data[i], channelOf(i)) / spec.scale) + spec.zeroPoint;
    out[i] = Math.min(127, Math.max(-128, q));
  }
  return out;
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Inverts 8-bit samples in place when asked, or when 'auto' finds a light background (dark-on-light). */
export function applyInvert(image: Image8, invert: boolean | 'auto' = false): Image8 {
  const flip = invert === 'auto' ? isDarkOnLight(image) : invert;
  if (flip) for (let i = 0; i < image.data.length; i++) image.data[i] = 255 - image.data[i];
  return image;
}

/**
 * Dark-on-light when the mean of the border pixels (all channels) is above mid-gray: the background of a
 * photographed or drawn digit is its border, whatever the stroke covers in the middle.
 */
export function isDarkOnLight(image: Image8): boolean {
  const { width, height, channels, data } = image;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y === 0 || y === height - 1;
    for (let x = 0; x < width; x += edgeRow || width === 1 ? 1 : width - 1) {
      for (let c = 0; c < channels; c++) sum += data[(y * width + x) * channels + c];
      count += channels;
    }
  }
  return sum / count > 127.5;
}
