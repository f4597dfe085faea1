/**
 * BatchNormalization, Normalization and Rescaling are all a per-channel y = x·scale + offset; the folding
 * pass merges them into a neighbouring convolution or dense layer where that is exact.
 */
import type { Emit } from './layers_to_ir.js';
import { ConversionError, type LayerRecord } from './read_layers.js';
import { numberList } from './layout.js';

function perChannel(values: number[], channels: number, what: string): Float32Array {
  if (values.length === channels) return Float32Array.from(values);
  if (values.length === 1) return new Float32Array(channels).fill(values[0]);
  throw new ConversionError(`${what}: ${values.length} values for ${channels} channels`);
}

function batchNorm(layer: LayerRecord, channels: number): { scale: Float32Array; offset: Float32Array } {
  const axis = layer.config.axis;
  if (axis !== undefined && axis !== -1 && axis !== layer.outputShape.length) {
    throw new ConversionError(`layer '${layer.name}' (BatchNormalization): only the channel (last) axis is supported`);
  }
  const eps = (layer.config.epsilon as number | undefined) ?? 1e-3;
  const ones = new Float32Array(channels).fill(1);
  const gamma = layer.weights.get('gamma')?.data ?? ones;
  const beta = layer.weights.get('beta')?.data ?? new Float32Array(channels);
  const mean = layer.weights.get('moving_mean')?.data;
  const variance = layer.weights.get('moving_variance')?.data;
  if (!mean || !variance) throw new ConversionError(`layer '${layer.name}' (BatchNormalization) lacks moving_mean/moving_variance`);
  const scale = new Float32Array(channels);
  const offset = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = gamma[c] / Math.sqrt(variance[c] + eps);
    offset[c] = beta[c] - mean[c] * scale[c];
  }
  return { scale, offset };
}

/** AutoKeras-style Normalization: (x − mean)/sqrt(variance), statistics in the layer's config. */
function normalization(layer: LayerRecord, channels: number): { scale: Float32Array; offset: Float32Array } {
  const mean = perChannel(numberList(layer.config, 'mean'), channels, layer.name);
  const variance = perChannel(numberList(layer.config, 'variance'), channels, layer.name);
  const scale = new Float32Array(channels);
  const offset = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = 1 / Math.sqrt(Math.max(variance[c], 1e-7));
    offset[c] = -mean[c] * scale[c];
  }
  return { scale, offset };
}

function rescaling(layer: LayerRecord, channels: number): { scale: Float32Array; offset: Float32Array } {
  const s = layer.config.scale as number;
  const o = (layer.config.offset as number | undefined) ?? 0;
  return { scale: new Float32Array(channels).fill(s), offset: new Float32Array(channels).fill(o) };
}

export function affineLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  if (inputs.length !== 1) throw new ConversionError(`layer '${layer.name}' (${layer.className}) expects one input`);
  const channels = layer.outputShape[layer.outputShape.length - 1];
  const { scale, offset } =
    layer.className === 'BatchNormalization' ? batchNorm(layer, channels)
    : layer.className === 'Normalization' ? normalization(layer, channels)
    : rescaling(layer, channels);
  const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'affine', inputs: [inputs[0]], output: out, scale, offset });
  return out;
}
