/** TF.js LayersModel → .tflite bytes: read, translate, fold, (calibrate), emit, (report). */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { assignActivationParams, observeRanges } from './calibrate.js';
import { checkSample, type CalibrationSample, type InputSpec } from './calibration/samples.js';
import { emitModel, isIntegerMode, type EmitOptions, type QuantizeMode } from './emit.js';
import { noInt8Lowering } from './emit_ops.js';
import { foldGraph } from './fold.js';
import { graphInputSpecs } from './graph_io.js';
import type { IrGraph } from './ir.js';
import { layersToIr } from './layers_to_ir.js';
import { quantizationReport, type QuantReport } from './quant_report.js';
import { ConversionError, readLayersModel } from './read_layers.js';

export interface ConvertOptions {
  /** 'uint8' (default for single-channel images): uint8 [1,H,W] pixels; 'float32': the model's own input. */
  readonly inputType?: 'uint8' | 'float32';
  readonly quantize?: QuantizeMode;
  /** Representative inputs, one typed array per model input (see `modelInputSpecs`), in the model's own scale. */
  readonly calibration?: readonly CalibrationSample[];
  /** Shorthand for `calibration` on a single-input model: one float32 array per sample. */
  readonly representative?: readonly Float32Array[];
  /** Integer modes: integer input/output tensors instead of uint8/float input and float output. */
  readonly int8Io?: boolean;
  /** Quantize FULLY_CONNECTED weights per output channel (TFLite allows both; default per tensor). */
  readonly perChannelDense?: boolean;
  /** Also compute the per-layer error report (needs calibration samples; default: when they are given). */
  readonly report?: boolean;
  /** Replaces unknown (null) dimensions, e.g. a text model's sequence length ([null] → [N]). */
  readonly sequenceLength?: number;
}

export interface Conversion {
  readonly bytes: Uint8Array;
  /** Per-layer error vs float on the calibration samples (when samples were given for a quantized mode). */
  readonly report?: QuantReport;
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

/** Full integer needs an int8 lowering of every op: refuse the first layer without one, before calibrating. */
function refuseInt8(g: IrGraph): void {
  const op = g.ops.find((o) => o.kind === 'builtin' && o.int8 === undefined);
  if (op && op.kind === 'builtin') throw noInt8Lowering(g, op);
}

/** What calibration samples must look like for this model: one entry per input, batch 1. */
export function modelInputSpecs(model: LayersModel, opts: Pick<ConvertOptions, 'sequenceLength'> = {}): InputSpec[] {
  return graphInputSpecs(modelToIr(model, opts));
}

export function convertLayersModel(model: LayersModel, opts: ConvertOptions = {}): Uint8Array {
  return convertLayersModelWithReport(model, { ...opts, report: false }).bytes;
}

export function convertLayersModelWithReport(model: LayersModel, opts: ConvertOptions = {}): Conversion {
  const g = modelToIr(model, opts);
  const quantize = opts.quantize ?? 'none';
  const samples = calibrationSamples(g, opts);
  const emit: EmitOptions = { inputType: opts.inputType ?? 'float32', quantize, int8Io: opts.int8Io ?? false, perChannelDense: opts.perChannelDense ?? false };
  let full = emit;
  if (isIntegerMode(quantize)) {
    refuseInt8(g);
    if (samples.length === 0) {
      throw new ConversionError(`--quantize ${quantize} needs representative inputs to calibrate on: pass --calibration PATH (a folder of images, .npy, .json or a .mjs module yielding samples), or options.calibration`);
    }
    full = { ...emit, activations: assignActivationParams(g, observeRanges(g, samples), quantize === 'int16x8' ? 'int16' : 'int8') };
  }
  const bytes = emitModel(g, full).bytes;
  const wantReport = (opts.report ?? true) && quantize !== 'none' && samples.length > 0;
  return { bytes, report: wantReport ? quantizationReport(g, samples, full) : undefined };
}

function calibrationSamples(g: IrGraph, opts: ConvertOptions): readonly CalibrationSample[] {
  const samples = opts.calibration ?? opts.representative?.map((x): CalibrationSample => [x]) ?? [];
  const specs = graphInputSpecs(g);
  samples.forEach((s, i) => { checkSample(s, specs, `calibration sample ${i}`); });
  return samples;
}
