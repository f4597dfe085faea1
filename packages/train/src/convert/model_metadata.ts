/**
 * TFLite metadata for a converted model, from what the user (CLI flags) or the training pipeline knows:
 * model name/description, the input's description, image properties and normalization (mean/std), and the
 * output's labels as a TENSOR_AXIS_LABELS associated file — the fields TFLite Support's task libraries and
 * our own serving read. Written with the runtime's metadata writer.
 */
import { writeModelMetadata, type ProcessUnit, type TensorMetadata } from '@tflite-lambda/runtime/metadata';
import { ConversionError } from './read_layers.js';

export interface ConversionMetadata {
  readonly name?: string;
  readonly description?: string;
  readonly version?: string;
  readonly author?: string;
  readonly license?: string;
  readonly inputDescription?: string;
  /** The input is an image of this size and colour (GRAYSCALE for 1 channel, RGB for 3). */
  readonly image?: { readonly width: number; readonly height: number; readonly channels: 1 | 3 };
  /** How raw input values (pixels) are normalised before the model: (x − mean) / std, per channel. */
  readonly normalization?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** One label per output class, written as labels.txt. */
  readonly labels?: readonly string[];
}

export const LABELS_FILE = 'labels.txt';

/** True when there is anything to write. */
export function hasMetadata(m: ConversionMetadata): boolean {
  return Object.values(m).some((v) => v !== undefined);
}

export function withConversionMetadata(model: Uint8Array, m: ConversionMetadata): Uint8Array {
  if (m.normalization?.std.some((s) => s === 0)) throw new ConversionError('normalization std must not be 0');
  const processUnits: ProcessUnit[] = m.normalization ? [{ kind: 'normalization', mean: [...m.normalization.mean], std: [...m.normalization.std] }] : [];
  const input: TensorMetadata = {
    name: m.image ? 'image' : 'input',
    description: m.inputDescription,
    content: m.image
      ? { properties: { kind: 'image', colorSpace: m.image.channels === 3 ? 'RGB' : 'GRAYSCALE', defaultSize: { width: m.image.width, height: m.image.height } } }
      : { properties: { kind: 'feature' } },
    processUnits: processUnits.length > 0 ? processUnits : undefined,
  };
  const labels = m.labels && m.labels.length > 0 ? m.labels : undefined;
  const output: TensorMetadata = {
    name: labels ? 'probability' : 'output',
    content: { properties: { kind: 'feature' } },
    associatedFiles: labels ? [{ name: LABELS_FILE, description: 'class labels, one per output', type: 'TENSOR_AXIS_LABELS' }] : undefined,
  };
  const files = new Map<string, Uint8Array>(labels ? [[LABELS_FILE, new TextEncoder().encode(`${labels.join('\n')}\n`)]] : []);
  return writeModelMetadata(model, {
    name: m.name, description: m.description, version: m.version, author: m.author, license: m.license,
    subgraphMetadata: [{ inputTensorMetadata: [input], outputTensorMetadata: [output] }],
  }, files);
}
