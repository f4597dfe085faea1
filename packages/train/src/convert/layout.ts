/** TF.js kernel layouts → TFLite layouts, and small config readers shared by the layer translators. */
import type { Padding } from '@tflite-lambda/runtime/internal';
import type { serialization } from '@tensorflow/tfjs-core';
import { ConversionError, type LayerRecord, type LayerWeight } from './read_layers.js';

/** Conv kernel [kh,kw,in,out] → TFLite OHWI [out,kh,kw,in]. */
export function hwioToOhwi(w: LayerWeight): { data: Float32Array; shape: number[] } {
  const [kh, kw, cin, cout] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * kh + y) * kw + x) * cin + i] = w.data[((y * kw + x) * cin + i) * cout + o];
  return { data: out, shape: [cout, kh, kw, cin] };
}

/** Depthwise kernel [kh,kw,in,mult] → TFLite [1,kh,kw,in·mult]: the same bytes, channel c·mult + m last. */
export function depthwiseToTflite(w: LayerWeight): { data: Float32Array; shape: number[] } {
  const [kh, kw, cin, mult] = w.shape;
  return { data: Float32Array.from(w.data), shape: [1, kh, kw, cin * mult] };
}

/** Dense kernel [in,out] → TFLite [out,in]. */
export function dense2dTranspose(w: LayerWeight): { data: Float32Array; shape: [number, number] } {
  const [cin, cout] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) out[o * cin + i] = w.data[i * cout + o];
  return { data: out, shape: [cout, cin] };
}

export function pair(v: unknown, what: string): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  throw new ConversionError(`${what}: expected a number or a pair, got ${JSON.stringify(v)}`);
}

export function paddingOf(layer: LayerRecord): Padding {
  const p = layer.config.padding ?? 'valid';
  if (p === 'valid') return 'VALID';
  if (p === 'same') return 'SAME';
  throw new ConversionError(`layer '${layer.name}' (${layer.className}): padding '${String(p)}' is not supported`);
}

export function requireChannelsLast(layer: LayerRecord): void {
  const f = layer.config.dataFormat;
  if (f !== undefined && f !== null && f !== 'channelsLast') {
    throw new ConversionError(`layer '${layer.name}' (${layer.className}): dataFormat '${String(f)}' is not supported, use channelsLast`);
  }
}

export function weight(layer: LayerRecord, name: string): LayerWeight {
  const w = layer.weights.get(name);
  if (!w) throw new ConversionError(`layer '${layer.name}' (${layer.className}) has no weight '${name}' (has ${[...layer.weights.keys()].join(', ')})`);
  return w;
}

export function optionalBias(layer: LayerRecord, size: number): Float32Array {
  const b = layer.weights.get('bias');
  return b ? Float32Array.from(b.data) : new Float32Array(size);
}

export function numberList(config: serialization.ConfigDict, key: string): number[] {
  const v = config[key];
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  throw new ConversionError(`config '${key}' is ${JSON.stringify(v)}, expected numbers`);
}

/** The one input of a single-input layer. */
export function single(layer: LayerRecord, inputs: number[]): number {
  if (inputs.length !== 1) throw new ConversionError(`layer '${layer.name}' (${layer.className}) expects one input, got ${inputs.length}`);
  return inputs[0];
}

/** A non-negative axis of a rank-`rank` tensor (batch included) from a Keras axis (−1 = last). */
export function axisOf(layer: LayerRecord, raw: unknown, rank: number): number {
  const a = typeof raw === 'number' ? raw : -1;
  const axis = a < 0 ? a + rank : a;
  if (!Number.isInteger(axis) || axis <= 0 || axis >= rank) throw new ConversionError(`layer '${layer.name}' (${layer.className}): axis ${JSON.stringify(raw)} is not supported`);
  return axis;
}
