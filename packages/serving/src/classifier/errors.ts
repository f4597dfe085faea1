/** Problems with the model or the options given to the classifier (found at load time, never per request). */
export type ClassifierErrorCode =
  | 'UNSUPPORTED_MODEL' // input shape/dtype or output the classifier cannot adapt to
  | 'BAD_OPTIONS' // labels that do not match the classes, a malformed normalization, k out of range
  | 'LABELS_UNREADABLE'; // the labels file cannot be read

export class ClassifierError extends Error {
  readonly code: ClassifierErrorCode;
  constructor(code: ClassifierErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClassifierError';
    this.code = code;
  }
}
