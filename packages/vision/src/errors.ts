/**
 * Why an image was refused. The HTTP layer maps these to statuses (415, 422, 422); nothing here knows HTTP.
 */
export type ImageErrorCode =
  | 'UNSUPPORTED_IMAGE_FORMAT' // not a PNG or JPEG (GIF, BMP, text, empty input)
  | 'IMAGE_DECODE_FAILED' // looks like PNG/JPEG but is truncated, corrupt or uses a feature we cannot decode
  | 'IMAGE_TOO_LARGE'; // its header claims more pixels than the configured limit

export class ImageError extends Error {
  readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageError';
    this.code = code;
  }
}

/** Width and height from a header, refused when either is zero. */
export function validSize(format: string, width: number, height: number): { width: number; height: number } {
  if (width === 0 || height === 0) {
    throw new ImageError('IMAGE_DECODE_FAILED', `${format} header gives an empty size ${width}x${height}`);
  }
  return { width, height };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
