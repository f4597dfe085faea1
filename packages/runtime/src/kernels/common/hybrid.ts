/**
 * Hybrid ("dynamic range quantized") weights: float32 activations with constant int8 weights. The bit-exact
 * hybrid kernels are quantized/hybrid_*.ts (integer accumulation, LiteRT's input quantization per op). The
 * float kernels and the SIMD hybrid paths use the approximation here instead: the input snapped to XNNPACK's
 * per-image (or per-row) int8 grid ("fake quantization") and the float kernel run on dequantized weights,
 * which gives the integer products times the two scales up to float rounding (and quantizes 1×1
 * convolutions per image, where LiteRT quantizes per pixel).
 */
import { numElements } from '../../core/shape.js';
import type { NodeSignature, RuntimeTensor } from '../kernel.js';
import { xnnpackRowParams } from './hybrid_quantize.js';
import { inputIs, shapeError, type AnyNode } from './node_checks.js';
import { roundHalfEven } from './quantization.js';

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

/**
 * Replaces each of `rows` runs of `rowLength` values by its int8-quantized-then-dequantized value, using
 * XNNPACK's asymmetric parameters (common/hybrid_quantize.ts's xnnpackRowParams): values rounded half to even
 * and clamped.
 */
export function fakeQuantizeRowsInt8(input: Float32Array, output: Float32Array, rows: number, rowLength: number): void {
  for (let r = 0, base = 0; r < rows; r++, base += rowLength) {
    const { inverseScale, scale, zeroPoint } = xnnpackRowParams(input, base, rowLength);
    for (let i = 0; i < rowLength; i++) {
      let q = roundHalfEven(Math.fround(input[base + i]! * inverseScale)) + zeroPoint;
      q = q < -128 ? -128 : q > 127 ? 127 : q;
      output[base + i] = (q - zeroPoint) * scale;
    }
  }
}
