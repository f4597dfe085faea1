/**
 * Why an image was refused. The HTTP layer maps these to statuses (415, 422, 422, 422); nothing here knows
 * HTTP. Every message is ours: a library's own wording (zlib, a decoder's internals) never reaches a client.
 */
export type ImageErrorCode =
  | 'UNSUPPORTED_IMAGE_FORMAT' // not a PNG or JPEG (GIF, BMP, text, empty input)
  | 'IMAGE_DECODE_FAILED' // looks like PNG/JPEG but is truncated, corrupt or uses a feature we cannot decode
  | 'IMAGE_TOO_LARGE' // its header claims a size past a limit (pixels, a dimension, decoded bytes)
  | 'IMAGE_DECODE_TIMEOUT'; // decoding and resizing did not finish before the deadline

export class ImageError extends Error {
  readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageError';
    this.code = code;
  }
}

/**
 * A decoder failed in a way no input should cause (an exception of ours, not a refusal): a bug to log and
 * fix, answered as an internal error rather than blamed on the image. The original error is the cause.
 */
export class ImageDecoderBug extends Error {
  constructor(format: string, cause: unknown) {
    super(`bug in the ${format} decoder: ${messageOf(cause)}`, { cause });
    this.name = 'ImageDecoderBug';
  }
}

/** Runs a decoder: its ImageErrors pass through, anything else it throws becomes an ImageDecoderBug. */
export function guardDecoder<T>(format: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof ImageError) throw err;
    throw new ImageDecoderBug(format, err);
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
