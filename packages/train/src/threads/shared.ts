/** Float arrays in shared memory, as the two training threads pass them to each other. */

/** `length` floats from float index `offset` of `buffer`. */
export interface SharedFloats {
  readonly buffer: SharedArrayBuffer;
  readonly offset: number;
  readonly length: number;
}

/**
 * A zeroed float array in shared memory, readable and writable by the worker thread where it is. Kernel
 * outputs come from the output pool instead (output_pool.ts), also in shared memory.
 */
export function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

/** The array's place in shared memory, or null when it lives in ordinary memory. */
export function asShared(v: Float32Array): SharedFloats | null {
  return v.buffer instanceof SharedArrayBuffer ? { buffer: v.buffer, offset: v.byteOffset / 4, length: v.length } : null;
}

export function viewOf(s: SharedFloats): Float32Array {
  return new Float32Array(s.buffer, s.offset * 4, s.length);
}
