/** TF.js LayersModel → .tflite bytes: read, translate, fold, (calibrate), emit. */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { assignActivationParams, observeRanges } from './calibrate.js';
import { emitModel, type QuantizeMode } from './emit.js';
import { foldGraph } from './fold.js';
import type { IrGraph } from './ir.js';
import { layersToIr } from './layers_to_ir.js';
import { ConversionError, readLayersModel } from './read_layers.js';

export interface ConvertOptions {
  /** 'uint8' (default for single-channel images): uint8 [1,H,W] pixels; 'float32': the model's own input. */
  readonly inputType?: 'uint8' | 'float32';
  readonly quantize?: QuantizeMode;
  /** int8: representative inputs (float32, NHWC [1,H,W,C] element order, same scale as the model's input). */
  readonly representative?: readonly Float32Array[];
  /** int8: int8 input/output tensors instead of uint8/float input and float output. */
  readonly int8Io?: boolean;
}

/** The folded IR of a model (exposed for tests and for the `convert --dump` style inspection). */
export function modelToIr(model: LayersModel): IrGraph {
  const g = layersToIr(readLayersModel(model));
  foldGraph(g);
  return g;
}

export function convertLayersModel(model: LayersModel, opts: ConvertOptions = {}): Uint8Array {
  const g = modelToIr(model);
  const inputType = opts.inputType ?? 'float32';
  const quantize = opts.quantize ?? 'none';
  if (quantize !== 'int8') return emitModel(g, { inputType, quantize }).bytes;
  const samples = opts.representative ?? [];
  if (samples.length === 0) throw new ConversionError('--quantize int8 needs representative inputs (--representative N)');
  const activations = assignActivationParams(g, observeRanges(g, samples));
  return emitModel(g, { inputType, quantize, activations, int8Io: opts.int8Io ?? false }).bytes;
}
