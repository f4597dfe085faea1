/**
 * Hybrid ("dynamic range quantized") CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED: float32 activations with
 * constant int8 weights. LiteRT (XNNPACK, the runtime our conformance references come from) quantizes the float
 * input to int8 on the fly — asymmetric, one scale and zero point per batch row (dense) or per image
 * (convolutions), as checked against LiteRT for each op — multiplies in integers and rescales. We reproduce
 * that by snapping the input to the same int8 grid ("fake quantization") and running the float kernel on
 * dequantized weights: the products and sums are then the integer ones times the two scales.
 */
import { numElements } from '../../core/shape.js';
import type { NodeSignature, RuntimeTensor } from '../kernel.js';
import { inputIs, shapeError, type AnyNode } from './node_checks.js';

/** True for a weight tensor this path accepts: constant int8 with scales (zero points 0). */
export function isHybridWeight(t: RuntimeTensor | null | undefined): boolean {
  return !!t && t.dtype === 'int8' && t.isConstant && !!t.quantization && t.quantization.scale.length > 0;
}

/** `supports` for the float weighted ops: float32 input, and float32 or hybrid int8 weights (input 1). */
export function floatOrHybridSupports(node: NodeSignature): boolean {
  return inputIs(node, 0, 'float32') && (inputIs(node, 1, 'float32') || isHybridWeight(node.inputs[1]));
}

/** The float32 values of a constant int8 weight tensor, per-tensor or per-channel along its quantized axis. */
export function dequantizeWeights(node: AnyNode, t: RuntimeTensor): Float32Array {
  const q = t.quantization;
  if (!isHybridWeight(t) || !q) throw shapeError(node, `weights '${t.name}' must be constant int8 with scales`);
  const data = t.data as Int8Array;
  const out = new Float32Array(data.length);
  const channels = q.scale.length;
  const axis = channels === 1 ? 0 : q.quantizedDimension;
  if (channels > 1 && t.shape[axis] !== channels) {
    throw shapeError(node, `${channels} weight scales do not match axis ${axis} of [${t.shape.join(',')}]`);
  }
  const inner = channels === 1 ? data.length : numElements(t.shape.slice(axis + 1));
  for (let i = 0; i < data.length; i++) {
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    out[i] = (data[i]! - (q.zeroPoint[c] ?? 0)) * Math.fround(q.scale[c]!);
  }
  return out;
}

/** Round half to even, as C's rintf in the default rounding mode. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Replaces each of `rows` runs of `rowLength` values by its int8-quantized-then-dequantized value, using
 * XNNPACK's asymmetric parameters: the range widened to include 0, inverse scale 255 / range in float32, the
 * zero point nudged from whichever end has the smaller error, values rounded half to even and clamped.
 */
export function fakeQuantizeRowsInt8(input: Float32Array, output: Float32Array, rows: number, rowLength: number): void {
  const f = Math.fround;
  for (let r = 0, base = 0; r < rows; r++, base += rowLength) {
    let min = 0;
    let max = 0;
    for (let i = 0; i < rowLength; i++) {
      const x = input[base + i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const invScale = min === max ? 1 : f(255 / f(max - min));
    const minScaled = f(min * invScale);
    const maxScaled = f(max * invScale);
    let zp = f(-128 + minScaled) + f(127 + maxScaled) > 0 ? f(-128 - minScaled) : f(127 - maxScaled);
    zp = rint(Math.min(127, Math.max(-128, zp)));
    const scale = f(1 / invScale);
    for (let i = 0; i < rowLength; i++) {
      let q = rint(f(input[base + i]! * invScale)) + zp;
      q = q < -128 ? -128 : q > 127 ? 127 : q;
      output[base + i] = (q - zp) * scale;
    }
  }
}
