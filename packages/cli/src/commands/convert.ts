/** `tflite-lambda convert`: a TF.js LayersModel (model.json + weights) → .tflite, float or quantized. */
import { writeFileSync } from 'node:fs';
import type { InputSpec } from '@tflite-lambda/train';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { metadataFlags, normalizationAsMeanStd, normalizationFlags, quantizeFlag } from './convert_flags.js';

export const summary = 'convert a TensorFlow.js LayersModel (model.json) to .tflite (float, float16, dynamic, int8 or 16x8)';

export const usage = `Usage: tflite-lambda convert <model.json> [options]

Options:
  --out FILE              output .tflite (default: model.tflite)
  --input-type T          'uint8' (pixels 0..255, [1,H,W] for one channel) or 'float32'
                          (default: uint8 for a [H,W,1|3] image input, float32 otherwise)
  --quantize MODE         'none' (default), 'dynamic' (int8 weights), 'float16' (float16 weights),
                          'int8' (full integer) or 'int16x8' (int16 activations, int8 weights)
  --calibration PATH      int8/int16x8: representative inputs — a folder of images (subfolders allowed),
                          a folder of .npy files, a .npy ([N, ...input shape]), a .json (array of samples:
                          nested arrays, or {inputName: array}) or a .mjs/.js module whose default export
                          yields samples (iterable, async iterable, or a function returning one);
                          --data DIR is its former name
  --representative N      use at most N calibration samples (default: 200)
  --mean M[,M,M]          calibration images: value = (pixel - mean) / std per channel (written to metadata)
  --std S[,S,S]
  --input-range MIN,MAX   calibration images: pixels 0..255 mapped linearly onto [MIN, MAX] instead
  --per-channel-dense     quantize FULLY_CONNECTED weights per output channel (default: per tensor)
  --int8-io               int8/int16x8: integer input and output tensors (default: uint8/float in, float out)
  --sequence-length N     fixes unknown (null) dimensions, e.g. a text model's sequence length
  --labels FILE           class labels, one per line (written as metadata with the model)
  --name, --description, --author, --license, --model-version, --input-description TEXT
                          model metadata

A quantized conversion with calibration data prints the per-layer error against the float model and saves it
as <out>.quant-report.json.

Supported layers: Conv1D/2D/3D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, Dense, pooling 1D/2D
and global pooling, UpSampling2D, ZeroPadding2D, Cropping2D, Permute, Reshape, Flatten, RepeatVector,
BatchNormalization, LayerNormalization, Normalization, Rescaling, Resizing, Activation (all TF.js
activations), ReLU, LeakyReLU, PReLU, ELU, Softmax,
Add/Multiply/Subtract/Average/Maximum/Minimum/Concatenate of N inputs, Dot, the Dropout family
(removed), Embedding (int32 token-id input), LSTM, GRU, SimpleRNN, RNN of one cell, Bidirectional,
TimeDistributed, nested Sequential/functional models, several inputs and outputs. Graph models (format
'graph-model') are refused.`;

type Train = typeof import('@tflite-lambda/train');

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, {
    values: ['out', 'input-type', 'quantize', 'representative', 'data', 'calibration', 'mean', 'std', 'input-range', 'labels', 'name',
      'description', 'author', 'license', 'model-version', 'input-description', 'sequence-length'],
    booleans: ['int8-io', 'per-channel-dense'],
  });
  const [modelPath] = p.positional;
  if (!modelPath) throw new UsageError('give the path of a model.json');
  const inputType = stringFlag(p, 'input-type');
  if (inputType !== undefined && inputType !== 'uint8' && inputType !== 'float32') throw new UsageError(`--input-type must be uint8 or float32`);
  quantizeFlag(p);
  normalizationFlags(p);
  const train = await import('@tflite-lambda/train');
  try {
    return await convert(train, p, modelPath, inputType);
  } catch (err) {
    // The user's model or data, not our bug: a one-line error naming the file and the problem.
    throw err instanceof train.ConversionError || err instanceof train.DatasetError ? new CommandError(err.message) : err;
  }
}

/** [1,H,W,C] with C 1 or 3: an image input. */
function imageInput(spec: InputSpec): { width: number; height: number; channels: 1 | 3 } | undefined {
  const s = spec.shape;
  return s.length === 4 && (s[3] === 1 || s[3] === 3) ? { height: s[1], width: s[2], channels: s[3] } : undefined;
}

async function convert(train: Train, p: ParsedArgs, modelPath: string, inputTypeFlag: 'uint8' | 'float32' | undefined): Promise<number> {
  await train.setupTraining({ fastKernels: false });
  const model = await train.loadModelFile(modelPath);
  const quantize = quantizeFlag(p);
  const length = stringFlag(p, 'sequence-length') === undefined ? undefined : intFlag(p, 'sequence-length', 0);
  if (length !== undefined && length <= 0) throw new UsageError(`--sequence-length must be a positive integer, got ${length}`);
  const specs = train.modelInputSpecs(model, { sequenceLength: length });
  const image = specs.length === 1 ? imageInput(specs[0]) : undefined;
  const inputType = inputTypeFlag ?? (image ? 'uint8' : 'float32');
  const normalization = normalizationFlags(p);
  if (normalization && inputType === 'uint8') {
    throw new UsageError('--mean/--std/--input-range describe a float input; a uint8 input feeds pixels unchanged (add --input-type float32)');
  }
  const path = stringFlag(p, 'calibration') ?? stringFlag(p, 'data');
  if (train.isIntegerMode(quantize) && path === undefined) {
    throw new CommandError(`--quantize ${quantize} needs calibration data: pass --calibration PATH (a folder of images, a .npy, a .json or a .mjs module yielding samples for input(s) ${specs.map((s) => `'${s.name}' [${s.shape.join(',')}]`).join(', ')})`);
  }
  const calibration = path === undefined ? undefined : await train.loadCalibrationSamples(path, specs, { limit: intFlag(p, 'representative', train.DEFAULT_CALIBRATION_LIMIT), normalization });
  const { bytes: converted, report } = train.convertLayersModelWithReport(model, {
    inputType, quantize, calibration, int8Io: p.flags.has('int8-io'), perChannelDense: p.flags.has('per-channel-dense'), sequenceLength: length,
  });
  // Metadata when the user gives any; the image's size and colour come from the model's input.
  const given = { ...metadataFlags(p), normalization: normalization && image ? normalizationAsMeanStd(normalization, image.channels) : undefined };
  const withMeta = train.hasMetadata(given);
  const bytes = withMeta ? train.withConversionMetadata(converted, { ...given, image }) : converted;
  const out = stringFlag(p, 'out') ?? 'model.tflite';
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes, ${quantize === 'none' ? 'float32' : quantize}${withMeta ? ', with metadata' : ''})`);
  if (report) {
    console.log(train.formatQuantReport(report));
    writeFileSync(`${out}.quant-report.json`, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${out}.quant-report.json`);
  }
  return 0;
}
