/** Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layers → IR ops with TFLite-layout constants. */
import { withActivation, type Emit } from './layers_to_ir.js';
import { ConversionError, type LayerRecord } from './read_layers.js';
import { depthwiseToTflite, dense2dTranspose, hwioToOhwi, optionalBias, pair, paddingOf, requireChannelsLast, weight } from './layout.js';

function single(layer: LayerRecord, inputs: number[]): number {
  if (inputs.length !== 1) throw new ConversionError(`layer '${layer.name}' (${layer.className}) expects one input, got ${inputs.length}`);
  return inputs[0];
}

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

export function denseLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  const input = single(layer, inputs);
  if (e.shapeOf(input).length !== 2) {
    throw new ConversionError(`layer '${layer.name}' (Dense) on a rank-${e.shapeOf(input).length} input is not supported; add a Flatten first`);
  }
  const w = dense2dTranspose(weight(layer, 'kernel'));
  const out = e.tensor(`${layer.name}/dense`, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'dense', inputs: [input], output: out, filter: w.data, filterShape: w.shape, bias: optionalBias(layer, w.shape[0]), activation: 'NONE' });
  return withActivation(layer, out, e);
}
