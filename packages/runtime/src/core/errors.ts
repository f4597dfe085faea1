/**
 * Every failure the runtime reports is a TfliteError (or a subclass), so callers can catch one class and
 * read `code` to tell what went wrong.
 */
export type TfliteErrorCode =
  | 'MODEL_FORMAT' // truncated or corrupt flatbuffer, out-of-range offset or index
  | 'UNSUPPORTED' // op, dtype or feature this runtime does not implement
  | 'SHAPE' // incompatible shapes found while preparing a graph
  | 'TENSOR' // wrong dtype, length or index given to setTensor/getTensor/resizeInputTensor
  | 'STATE' // call made in the wrong order (e.g. invoke before allocateTensors)
  | 'IO' // model file could not be read
  | 'LIMIT' // a tensor, the arena, memory or the estimated work of an invoke would exceed a configured limit
  | 'INTERNAL'; // a bug in this runtime: a kernel failed in a way its checks did not foresee

export class TfliteError extends Error {
  readonly code: TfliteErrorCode;
  constructor(code: TfliteErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TfliteError';
    this.code = code;
  }
}

/** The model bytes are not a valid TFLite flatbuffer. */
export class ModelFormatError extends TfliteError {
  constructor(message: string) {
    super('MODEL_FORMAT', message);
    this.name = 'ModelFormatError';
  }
}

/** An operator, dtype or option combination this runtime has no kernel for. */
export class UnsupportedError extends TfliteError {
  constructor(message: string) {
    super('UNSUPPORTED', message);
    this.name = 'UnsupportedError';
  }
}

/** Shapes or types inside the graph do not fit together (found at prepare time). */
export class ShapeError extends TfliteError {
  constructor(message: string) {
    super('SHAPE', message);
    this.name = 'ShapeError';
  }
}

/** A caller passed a wrong tensor index, dtype, length or shape. */
export class TensorError extends TfliteError {
  constructor(message: string) {
    super('TENSOR', message);
    this.name = 'TensorError';
  }
}

/** A call made in the wrong order. */
export class StateError extends TfliteError {
  constructor(message: string) {
    super('STATE', message);
    this.name = 'StateError';
  }
}

/** Planning would need more memory than the interpreter's limit (a hostile or oversized shape). */
export class MemoryLimitError extends TfliteError {
  constructor(message: string) {
    super('LIMIT', message);
    this.name = 'MemoryLimitError';
  }
}

/** One invoke of the model would need more work than the interpreter's compute budget allows. */
export class ComputeLimitError extends TfliteError {
  constructor(message: string) {
    super('LIMIT', message);
    this.name = 'ComputeLimitError';
  }
}

/**
 * A failure this runtime did not foresee (an exception inside a kernel that its prepare-time checks should
 * have prevented): a bug to report, never a verdict on the model. `cause` holds the original error.
 */
export class InternalError extends TfliteError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
    this.name = 'InternalError';
  }
}
