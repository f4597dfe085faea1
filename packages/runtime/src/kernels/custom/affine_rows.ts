/**
 * The float32 arithmetic MediaPipe's landmark operators share: the first two rows of a 4×4 transform (row
 * major, as Landmarks2TransformMatrix writes it) and their dot product with (x, y, 0, 1), summed left to
 * right in float32 as tflite::gpu::float4 does.
 */
const f = Math.fround;

export interface AffineRows {
  readonly x: readonly [number, number, number, number];
  readonly y: readonly [number, number, number, number];
}

export function affineRows(m: Float32Array): AffineRows {
  return { x: [m[0]!, m[1]!, m[2]!, m[3]!], y: [m[4]!, m[5]!, m[6]!, m[7]!] };
}

/** row · (x, y, 0, 1) in float32. */
export function applyRow(row: readonly [number, number, number, number], x: number, y: number): number {
  return f(f(f(f(row[0] * x) + f(row[1] * y)) + f(row[2] * 0)) + row[3]);
}
