/**
 * Problems the tasks report: with the model or the options (found at load time), or with one input (found per
 * call). Image decoding problems are @tflite-lambda/vision's ImageError; nothing here knows HTTP.
 */
export type TaskErrorCode =
  | 'UNSUPPORTED_MODEL' // tensors, metadata or graph the task cannot adapt to
  | 'BAD_OPTIONS' // labels that do not match the classes, a malformed normalization, a bad result count
  | 'LABELS_UNREADABLE' // a labels file that cannot be read
  | 'INVALID_INPUT' // an input the task cannot use: empty text, a malformed tensor
  | 'UNSUPPORTED_AUDIO_FORMAT' // not a WAV file, or a WAV encoding other than PCM or IEEE float
  | 'AUDIO_DECODE_FAILED' // a WAV file that is truncated or inconsistent
  | 'AUDIO_TOO_LONG'; // more samples than the configured limit

export class TaskError extends Error {
  readonly code: TaskErrorCode;
  constructor(code: TaskErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskError';
    this.code = code;
  }
}

/** The classifier's errors are task errors (the name stays for existing callers). */
export { TaskError as ClassifierError, type TaskErrorCode as ClassifierErrorCode };
