/** `tflite-lambda convert`: a TF.js LayersModel (model.json + weights) → .tflite, float or quantized. */
import { writeFileSync } from 'node:fs';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.js';
import { CommandError, UsageError } from '../command.js';

export const summary = 'convert a TensorFlow.js LayersModel (model.json) to .tflite (float, dynamic or int8)';

export const usage = `Usage: tflite-lambda convert <model.json> [options]

Options:
  --out FILE            output .tflite (default: model.tflite)
  --input-type T        'uint8' (pixels 0..255, [1,H,W] for one channel; default) or 'float32'
  --quantize MODE       'none' (default), 'dynamic' (int8 weights) or 'int8' (full integer)
  --representative N    int8: calibrate on N MNIST training images (default: 200)
  --data DIR            int8: calibrate on images from this folder (one subfolder per class) instead
  --int8-io             int8: int8 input and output tensors (default: uint8/float input, float output)
  --sequence-length N   fixes unknown (null) dimensions, e.g. a text model's sequence length

Supported layers: Conv1D/2D/3D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, Dense, pooling 1D/2D
and global pooling, UpSampling2D, ZeroPadding2D, Cropping2D, Permute, Reshape, Flatten, RepeatVector,
BatchNormalization, LayerNormalization, Normalization, Rescaling, Resizing, Activation (all TF.js
activations), ReLU, LeakyReLU, PReLU, ELU, Softmax,
Add/Multiply/Subtract/Average/Maximum/Minimum/Concatenate of N inputs, Dot, the Dropout family
(removed), Embedding (int32 token-id input), LSTM, GRU, SimpleRNN, RNN of one cell, Bidirectional,
TimeDistributed, nested Sequential/functional models, several inputs and outputs. Graph models (format
'graph-model') are refused.`;

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['out', 'input-type', 'quantize', 'representative', 'data', 'sequence-length'], booleans: ['int8-io'] });
  const [modelPath] = p.positional;
  if (!modelPath) throw new UsageError('give the path of a model.json');
  const inputType = stringFlag(p, 'input-type') ?? 'uint8';
  if (inputType !== 'uint8' && inputType !== 'float32') throw new UsageError(`--input-type must be uint8 or float32`);
  const quantize = stringFlag(p, 'quantize') ?? 'none';
  if (quantize !== 'none' && quantize !== 'dynamic' && quantize !== 'int8') throw new UsageError(`--quantize must be none, dynamic or int8`);
  const train = await import('@tflite-lambda/train');
  try {
    return await convert(train, p, modelPath, inputType, quantize);
  } catch (err) {
    // The user's model or data, not our bug: a one-line error naming the file and the problem.
    throw err instanceof train.ConversionError || err instanceof train.DatasetError ? new CommandError(err.message) : err;
  }
}

async function convert(
  train: typeof import('@tflite-lambda/train'), p: ParsedArgs, modelPath: string, inputType: 'uint8' | 'float32', quantize: 'none' | 'dynamic' | 'int8',
): Promise<number> {
  await train.setupTraining({ fastKernels: false });
  const model = await train.loadModelFile(modelPath);
  let representative: Float32Array[] | undefined;
  if (quantize === 'int8') {
    const n = intFlag(p, 'representative', 200);
    const dir = stringFlag(p, 'data');
    const shape = model.inputs[0].shape;
    const data = dir
      ? train.loadImageFolder(dir, { height: shape[1] ?? 28, width: shape[2] ?? 28, channels: shape[3] === 3 ? 3 : 1 })
      : train.loadMnist('train', n);
    representative = Array.from({ length: Math.min(n, data.count) }, (_, i) => train.floatImages(data, i, i + 1));
  }
  const length = stringFlag(p, 'sequence-length') === undefined ? undefined : intFlag(p, 'sequence-length', 0);
  if (length !== undefined && length <= 0) throw new UsageError(`--sequence-length must be a positive integer, got ${length}`);
  const bytes = train.convertLayersModel(model, { inputType, quantize, representative, int8Io: p.flags.has('int8-io'), sequenceLength: length });
  const out = stringFlag(p, 'out') ?? 'model.tflite';
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes, ${quantize === 'none' ? 'float32' : quantize})`);
  return 0;
}
