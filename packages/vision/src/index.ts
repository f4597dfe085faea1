export { ImageError, type ImageErrorCode } from './errors.js';
export type { DecodedImage, ImageFormat, ImageHeader, ImageInput, Image8 } from './types.js';
export { sniffImageFormat } from './sniff.js';
export { readImageHeader, checkPixelLimit } from './header.js';
export { decodeImage, DEFAULT_MAX_PIXELS } from './decode.js';
export { toGray, toRgb, luma } from './convert.js';
export { resizeBicubic } from './resize.js';
