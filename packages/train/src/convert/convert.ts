/** TF.js LayersModel → .tflite bytes: read, translate, fold, (calibrate), emit. */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { opName } from '@tflite-lambda/runtime/internal';
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
  /** Replaces unknown (null) dimensions, e.g. a text model's sequence length ([null] → [N]). */
  readonly sequenceLength?: number;
}

/** The folded IR of a model (exposed for tests and for the `convert --dump` style inspection). */
export function modelToIr(model: LayersModel, opts: Pick<ConvertOptions, 'sequenceLength'> = {}): IrGraph {
  const { sequenceLength } = opts;
  if (sequenceLength !== undefined && !(Number.isInteger(sequenceLength) && sequenceLength > 0)) {
    throw new ConversionError(`sequence length must be a positive integer, got ${sequenceLength}`);
  }
  const record = readLayersModel(model, { sequenceLength });
  // Translating first means an unsupported layer is reported as such, not as the unknown length.
  const g = layersToIr(record);
  if (record.unknownLength !== undefined) {
    throw new ConversionError(`unknown sequence length: ${record.unknownLength}; pass --sequence-length N (ConvertOptions.sequenceLength) to fix it`);
  }
  foldGraph(g);
  return g;
}

/** Full int8 needs an int8 lowering of every op: refuse the first layer without one, before calibrating. */
function refuseInt8(g: IrGraph): void {
  const op = g.ops.find((o) => o.kind === 'builtin' && o.int8 === undefined);
  if (op && op.kind === 'builtin') {
    throw new ConversionError(`layer '${g.tensors[op.output].source}' lowers to ${opName(op.opcode)}, which has no int8 lowering in the converter; convert with --quantize dynamic or none`);
  }
}

export function convertLayersModel(model: LayersModel, opts: ConvertOptions = {}): Uint8Array {
  const g = modelToIr(model, opts);
  const inputType = opts.inputType ?? 'float32';
  const quantize = opts.quantize ?? 'none';
  if (quantize !== 'int8') return emitModel(g, { inputType, quantize }).bytes;
  refuseInt8(g);
  const samples = opts.representative ?? [];
  if (samples.length === 0) throw new ConversionError('--quantize int8 needs representative inputs (--representative N)');
  const activations = assignActivationParams(g, observeRanges(g, samples));
  return emitModel(g, { inputType, quantize, activations, int8Io: opts.int8Io ?? false }).bytes;
}
