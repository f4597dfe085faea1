export { ImageError, ImageDecoderBug, type ImageErrorCode } from './errors.js';
export type { DecodedImage, ImageFormat, ImageHeader, ImageInput, Image8, RowFormat, RowSink } from './types.js';
export { sniffImageFormat } from './sniff.js';
export { readImageHeader } from './header.js';
export {
  DEFAULT_IMAGE_LIMITS, DEFAULT_MAX_PIXELS, checkImageLimits, decodedBytesOf, imageLimits, type ImageLimits, type ImageSize,
} from './limits.js';
export { decodeImage, decodeImageRows } from './decode.js';
export { toGray, toRgb, luma } from './convert.js';
export { resizeBicubic, BicubicResizer } from './resize.js';
export { prepareImage, isDecodedImage, type PixelTarget, type PreparedImage, type Region } from './prepare.js';
