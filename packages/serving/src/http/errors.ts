/** Client-facing errors of the HTTP core: each has a status, a stable code and a message. */

export type HttpErrorCode =
  | 'INVALID_BASE64'
  | 'INVALID_JSON'
  | 'INVALID_MULTIPART'
  | 'INVALID_QUERY'
  | 'INVALID_CONTENT_ENCODING'
  | 'INVALID_INPUT'
  | 'INVALID_TENSOR'
  | 'MISSING_IMAGE'
  | 'MISSING_INPUT'
  | 'NOT_FOUND'
  | 'MODEL_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'AUDIO_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNSUPPORTED_CONTENT_ENCODING'
  | 'UNSUPPORTED_IMAGE_FORMAT'
  | 'UNSUPPORTED_AUDIO_FORMAT'
  | 'IMAGE_DECODE_FAILED'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_DECODE_TIMEOUT'
  | 'AUDIO_DECODE_FAILED'
  | 'INTERNAL_ERROR';

const STATUS: Record<HttpErrorCode, number> = {
  INVALID_BASE64: 400,
  INVALID_JSON: 400,
  INVALID_MULTIPART: 400,
  INVALID_QUERY: 400,
  INVALID_CONTENT_ENCODING: 400,
  INVALID_INPUT: 400,
  INVALID_TENSOR: 400,
  MISSING_IMAGE: 400,
  MISSING_INPUT: 400,
  NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  AUDIO_TOO_LONG: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CONTENT_ENCODING: 415,
  UNSUPPORTED_IMAGE_FORMAT: 415,
  UNSUPPORTED_AUDIO_FORMAT: 415,
  IMAGE_DECODE_FAILED: 422,
  IMAGE_TOO_LARGE: 422,
  IMAGE_DECODE_TIMEOUT: 422,
  AUDIO_DECODE_FAILED: 422,
  INTERNAL_ERROR: 500,
};

/** An error caused by the request: the core answers it with its status and a JSON error body. */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    /** Extra response headers (e.g. Allow for 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = STATUS[code];
  }
}

/** The status code the core sends for an error code. */
export function statusOf(code: HttpErrorCode): number {
  return STATUS[code];
}
