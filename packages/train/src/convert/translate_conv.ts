/** Conv1D/2D/3D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D and Dense layers → IR ops with TFLite-layout constants. */
import type { Emit } from './layers_to_ir.js';
import { withActivation } from './translate_activation.js';
import { ConversionError, type LayerRecord } from './read_layers.js';
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { depthwiseToTflite, dense2dTranspose, hwioToOhwi, optionalBias, pair, paddingOf, requireChannelsLast, single, weight } from './layout.js';
import { Lowering } from './lower.js';


function geometry(layer: LayerRecord) {
  requireChannelsLast(layer);
  return {
    strides: pair(layer.config.strides ?? 1, `${layer.name}.strides`),
    dilation: pair(layer.config.dilationRate ?? 1, `${layer.name}.dilationRate`),
    padding: paddingOf(layer),
  };
}

export function convLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  const w = hwioToOhwi(weight(layer, 'kernel'));
  const out = e.tensor(`${layer.name}/conv`, [1, ...layer.outputShape], layer.name);
  e.op({
    kind: 'conv2d', inputs: [single(layer, inputs)], output: out, filter: w.data, filterShape: w.shape,
    bias: optionalBias(layer, w.shape[0]), multiplier: 1, activation: 'NONE', ...geometry(layer),
  });
  return withActivation(layer, out, e);
}

function depthwiseOp(layer: LayerRecord, input: number, kernelName: string, out: number, bias: Float32Array | null, e: Emit): void {
  const k = weight(layer, kernelName);
  const w = depthwiseToTflite(k);
  e.op({
    kind: 'depthwise', inputs: [input], output: out, filter: w.data, filterShape: w.shape,
    bias: bias ?? new Float32Array(w.shape[3]), multiplier: k.shape[3], activation: 'NONE', ...geometry(layer),
  });
}

export function depthwiseLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  const out = e.tensor(`${layer.name}/depthwise`, [1, ...layer.outputShape], layer.name);
  depthwiseOp(layer, single(layer, inputs), 'depthwise_kernel', out, layer.weights.has('bias') ? optionalBias(layer, 0) : null, e);
  return withActivation(layer, out, e);
}

/** A depthwise convolution then a 1×1 convolution (TFLite has no separable op; its converter does the same). */
export function separableLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  const dw = weight(layer, 'depthwise_kernel');
  const [, , cin, mult] = dw.shape;
  const [oh, ow] = layer.outputShape;
  const mid = e.tensor(`${layer.name}/depthwise`, [1, oh, ow, cin * mult], layer.name);
  depthwiseOp(layer, single(layer, inputs), 'depthwise_kernel', mid, null, e);
  const pw = hwioToOhwi(weight(layer, 'pointwise_kernel'));
  const out = e.tensor(`${layer.name}/pointwise`, [1, ...layer.outputShape], layer.name);
  e.op({
    kind: 'conv2d', inputs: [mid], output: out, filter: pw.data, filterShape: pw.shape, bias: optionalBias(layer, pw.shape[0]),
    multiplier: 1, activation: 'NONE', strides: [1, 1], dilation: [1, 1], padding: 'VALID',
  });
  return withActivation(layer, out, e);
}

/**
 * Dense → FULLY_CONNECTED. On a rank > 2 input (Dense acts on the last axis) the leading axes are folded
 * into rows by a RESHAPE and restored after, which FULLY_CONNECTED computes row by row.
 */
export function denseLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  let input = single(layer, inputs);
  const inShape = e.shapeOf(input);
  const w = dense2dTranspose(weight(layer, 'kernel'));
  const l = new Lowering(layer, e);
  const rows = inShape.slice(0, -1).reduce((a, b) => a * b, 1);
  if (inShape.length !== 2) input = l.reshape(input, [rows, inShape[inShape.length - 1]]);
  let out = e.tensor(`${layer.name}/dense`, inShape.length === 2 ? [1, ...layer.outputShape] : [rows, w.shape[0]], layer.name);
  e.op({ kind: 'dense', inputs: [input], output: out, filter: w.data, filterShape: w.shape, bias: optionalBias(layer, w.shape[0]), activation: 'NONE' });
  if (inShape.length !== 2) out = l.reshape(out, [1, ...layer.outputShape]);
  return withActivation(layer, out, e);
}

function first(v: unknown, fallback: number): number {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' ? x : fallback;
}

/**
 * Conv1D as TF's converter lowers it: [1,W,C] → RESHAPE [1,1,W,C] → CONV_2D with a [out,1,k,in] filter →
 * RESHAPE [1,W',F]. 'causal' padding is a PAD of (k−1)·dilation steps on the left, then VALID.
 */
export function conv1dLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  requireChannelsLast(layer);
  const l = new Lowering(layer, e);
  let x = single(layer, inputs);
  const k = weight(layer, 'kernel');
  const [kw, cin, cout] = k.shape;
  const w = hwioToOhwi({ data: k.data, shape: [1, kw, cin, cout] });
  const stride = first(layer.config.strides, 1);
  const dilation = first(layer.config.dilationRate, 1);
  const causal = layer.config.padding === 'causal';
  if (causal) x = l.op(BuiltinOp.PAD, [x, l.ints([0, 0, (kw - 1) * dilation, 0, 0, 0], [3, 2])], [1, e.shapeOf(x)[1] + (kw - 1) * dilation, cin]);
  const [, width] = e.shapeOf(x);
  // TF.js reports a causal Conv1D's output length as if unpadded; the length after the PAD is the real one.
  const ow = causal ? Math.floor((width - (kw - 1) * dilation - 1) / stride) + 1 : layer.outputShape[0];
  const conv = e.tensor(`${layer.name}/conv`, [1, 1, ow, cout], layer.name);
  e.op({
    kind: 'conv2d', inputs: [l.reshape(x, [1, 1, width, cin])], output: conv, filter: w.data, filterShape: w.shape, bias: optionalBias(layer, cout),
    multiplier: 1, activation: 'NONE', strides: [1, stride], dilation: [1, dilation], padding: causal ? 'VALID' : paddingOf(layer),
  });
  return withActivation(layer, l.reshape(conv, [1, ow, cout]), e);
}

/** Conv2DTranspose → TRANSPOSE_CONV (output shape, filter [out,kh,kw,in], input, bias). */
export function convTransposeLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  const g = geometry(layer);
  if (g.dilation[0] !== 1 || g.dilation[1] !== 1) throw new ConversionError(`layer '${layer.name}' (Conv2DTranspose): dilation is not supported`);
  if (layer.config.outputPadding != null) throw new ConversionError(`layer '${layer.name}' (Conv2DTranspose): outputPadding is not supported`);
  // TF.js kernel [kh,kw,out,in] → TFLite [out,kh,kw,in].
  const k = weight(layer, 'kernel');
  const [kh, kw, cout, cin] = k.shape;
  const f = new Float32Array(k.data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let o = 0; o < cout; o++)
        for (let i = 0; i < cin; i++) f[((o * kh + y) * kw + x) * cin + i] = k.data[((y * kw + x) * cout + o) * cin + i];
  const out = e.tensor(`${layer.name}/transpose_conv`, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'transpose_conv', inputs: [single(layer, inputs)], output: out, filter: f, filterShape: [cout, kh, kw, cin], bias: optionalBias(layer, cout), strides: g.strides, padding: g.padding });
  return withActivation(layer, out, e);
}

function triple(v: unknown, what: string): [number, number, number] {
  if (typeof v === 'number') return [v, v, v];
  if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number')) return [v[0], v[1], v[2]];
  throw new ConversionError(`${what}: expected a number or three, got ${JSON.stringify(v)}`);
}

/** Conv3D → CONV_3D; TF.js's [kd,kh,kw,in,out] kernel is already TFLite's filter layout. */
export function conv3dLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  requireChannelsLast(layer);
  const l = new Lowering(layer, e);
  const k = weight(layer, 'kernel');
  const s = triple(layer.config.strides ?? 1, `${layer.name}.strides`);
  const d = triple(layer.config.dilationRate ?? 1, `${layer.name}.dilationRate`);
  const out = l.op(BuiltinOp.CONV_3D, [single(layer, inputs), l.floats(k.data, [...k.shape]), l.floats(optionalBias(layer, k.shape[4]))], [1, ...layer.outputShape], {
    kind: 'Conv3DOptions', padding: paddingOf(layer), strideD: s[0], strideH: s[1], strideW: s[2], dilationD: d[0], dilationH: d[1], dilationW: d[2], fusedActivation: 'NONE',
  });
  return withActivation(layer, out, e);
}
