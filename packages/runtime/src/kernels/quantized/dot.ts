/**
 * Integer dot products for the quantized weighted kernels, unrolled by four (V8 keeps these in int32
 * registers). `dotInt32` wraps like TFLite's int32 accumulator; `dotExact` keeps the exact sum (below 2^53)
 * for 16x8 kernels, whose int64 accumulators can exceed 32 bits.
 */
type Ints = Int8Array | Uint8Array | Int16Array | Int32Array;

export function dotInt32(w: Int16Array, wi: number, x: Ints, xi: number, n: number): number {
  let acc = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    acc = (acc
      + Math.imul(w[wi + j]!, x[xi + j]!)
      + Math.imul(w[wi + j + 1]!, x[xi + j + 1]!)
      + Math.imul(w[wi + j + 2]!, x[xi + j + 2]!)
      + Math.imul(w[wi + j + 3]!, x[xi + j + 3]!)) | 0;
  }
  for (; j < n; j++) acc = (acc + Math.imul(w[wi + j]!, x[xi + j]!)) | 0;
  return acc;
}

export function dotExact(w: Int16Array, wi: number, x: Ints, xi: number, n: number): number {
  let acc = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    acc += w[wi + j]! * x[xi + j]! + w[wi + j + 1]! * x[xi + j + 1]! + w[wi + j + 2]! * x[xi + j + 2]! + w[wi + j + 3]! * x[xi + j + 3]!;
  }
  for (; j < n; j++) acc += w[wi + j]! * x[xi + j]!;
  return acc;
}
