/**
 * BatchNormalization, Normalization and Rescaling are all a per-channel y = x·scale + offset; the folding
 * pass merges them into a neighbouring convolution or dense layer where that is exact. BatchNormalization on
 * another axis becomes a broadcasting MUL and ADD.
 */
import type { Emit } from './layers_to_ir.js';
import { ConversionError, type LayerRecord } from './read_layers.js';
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { axisOf, numberList } from './layout.js';
import { Lowering } from './lower.js';

function perChannel(values: number[], channels: number, what: string): Float32Array {
  if (values.length === channels) return Float32Array.from(values);
  if (values.length === 1) return new Float32Array(channels).fill(values[0]);
  throw new ConversionError(`${what}: ${values.length} values for ${channels} channels`);
}

/** BatchNormalization's axis, positive with the batch axis counted. */
function bnAxis(layer: LayerRecord): number {
  return axisOf(layer, layer.config.axis ?? -1, layer.outputShape.length + 1);
}

function batchNorm(layer: LayerRecord, channels: number): { scale: Float32Array; offset: Float32Array } {
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

/**
 * BatchNormalization on a non-last axis: MUL and ADD by constants shaped [C,1,…,1], which broadcast along
 * that axis (the affine op and its folding work on the last axis only).
 */
function batchNormOnAxis(layer: LayerRecord, input: number, axis: number, e: Emit): number {
  const rank = layer.outputShape.length + 1;
  const channels = layer.outputShape[axis - 1];
  const { scale, offset } = batchNorm(layer, channels);
  const l = new Lowering(layer, e);
  const shape = [channels, ...Array<number>(rank - axis - 1).fill(1)];
  return l.binary(BuiltinOp.ADD, l.binary(BuiltinOp.MUL, input, l.floats(scale, shape)), l.floats(offset, shape));
}

export function affineLayer(layer: LayerRecord, inputs: number[], e: Emit): number {
  if (inputs.length !== 1) throw new ConversionError(`layer '${layer.name}' (${layer.className}) expects one input`);
  if (layer.className === 'BatchNormalization' && bnAxis(layer) !== layer.outputShape.length) return batchNormOnAxis(layer, inputs[0], bnAxis(layer), e);
  const channels = layer.outputShape[layer.outputShape.length - 1];
  const { scale, offset } =
    layer.className === 'BatchNormalization' ? batchNorm(layer, channels)
    : layer.className === 'Normalization' ? normalization(layer, channels)
    : rescaling(layer, channels);
  const out = e.tensor(layer.name, [1, ...layer.outputShape], layer.name);
  e.op({ kind: 'affine', inputs: [inputs[0]], output: out, scale, offset });
  return out;
}
