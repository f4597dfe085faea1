/**
 * Quantization arithmetic following TFLite's int8 quantization spec: activations asymmetric int8 with
 * real = scale·(q − zeroPoint) and 0.0 exactly representable; weights symmetric int8 in [−127, 127]
 * (zero point 0), per output channel for convolutions; int32 bias with scale = input_scale·weight_scale.
 */
export interface QParams {
  readonly scale: number;
  readonly zeroPoint: number;
}

/** Asymmetric int8 parameters covering [min, max] (widened to contain 0). */
export function activationParams(min: number, max: number): QParams {
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  if (hi - lo < 1e-12) return { scale: 1e-6, zeroPoint: -128 };
  const scale = (hi - lo) / 255;
  const zeroPoint = Math.max(-128, Math.min(127, Math.round(-128 - lo / scale)));
  return { scale, zeroPoint };
}

/**
 * Symmetric int16 parameters covering [min, max] (16x8 mode): zero point 0 and scale max|x| / 32767, as
 * TFLite's quantizer gives int16 activations.
 */
export function int16ActivationParams(min: number, max: number): QParams {
  const m = Math.max(Math.abs(min), Math.abs(max));
  return { scale: m > 0 ? m / 32767 : 1e-6, zeroPoint: 0 };
}

/** Symmetric int8 quantization of `data` split into `channels` groups by `channelOf`; per-group scales. */
export function quantizeSymmetric(
  data: Float32Array,
  channels: number,
  channelOf: (i: number) => number,
): { values: Int8Array; scales: number[] } {
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c], Math.abs(data[i]));
  }
  const scales = Array.from(maxAbs, (m) => (m > 0 ? m / 127 : 1));
  const values = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    values[i] = Math.max(-127, Math.min(127, Math.round(data[i] / scales[channelOf(i)])));
  }
  return { values, scales };
}

export function quantizeBias(bias: Float32Array, inputScale: number, weightScales: number[]): { values: Int32Array; scales: number[] } {
  const scales = Array.from(bias, (_, c) => inputScale * weightScales[weightScales.length === 1 ? 0 : c]);
  const values = Int32Array.from(bias, (b, c) => Math.round(b / scales[c]));
  return { values, scales };
}

/** 16x8 bias: int64 with scale = input_scale·weight_scale (TFLite keeps conv/FC biases 64-bit there). */
export function quantizeBias64(bias: Float32Array, inputScale: number, weightScales: number[]): { values: BigInt64Array; scales: number[] } {
  const q = quantizeBias(bias, inputScale, weightScales);
  const values = BigInt64Array.from(bias, (b, c) => BigInt(Math.round(b / q.scales[c])));
  return { values, scales: q.scales };
}

export function quantizeValue(x: number, q: QParams): number {
  return Math.max(-128, Math.min(127, Math.round(x / q.scale) + q.zeroPoint));
}

export function quantizeValue16(x: number, q: QParams): number {
  return Math.max(-32768, Math.min(32767, Math.round(x / q.scale) + q.zeroPoint));
}

/** Running min/max of a tensor over the representative data set. */
export class RangeTracker {
  min = Infinity;
  max = -Infinity;
  observe(data: ArrayLike<number>): void {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
    }
  }
}
