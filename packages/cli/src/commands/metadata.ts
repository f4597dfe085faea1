/**
 * `tflite-lambda metadata add|show`: attach TFLite Model Metadata (labels, normalization, name, author,
 * licence, version, description) to a model, keeping what it already carries; or print what a model carries.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readModel } from '@tflite-lambda/runtime';
import {
  readModelMetadata,
  writeModelMetadata,
  type AssociatedFile,
  type AssociatedFileType,
  type ModelMetadata,
  type ProcessUnit,
  type SubGraphMetadata,
  type TensorMetadata,
} from '@tflite-lambda/runtime/metadata';
import { parseArgs, stringFlag, type ParsedArgs } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { formatMetadata } from './metadata_report.js';
import { asCommandErrors } from './task_errors.js';

export const summary = 'Attach labels, normalization and model details as TFLite metadata, or show them';
export const usage = `Usage: tflite-lambda metadata add <model.tflite> --out <file> [--labels <file>] [--mean m[,m,m] --std s[,s,s]]
                              [--name …] [--description …] [--version …] [--author …] [--license …]
       tflite-lambda metadata show <model.tflite> [--json]

add writes a copy of the model with TFLite Model Metadata (tflite-support's schema, as TFLite Model Maker and
MediaPipe models carry it), keeping any metadata and associated files it already has:
  --labels     class names, one per line: attached to the scores output (to the classes output of a detector)
  --mean/--std the input normalization, (pixel - mean) / std in 0..255 units, one value or one per channel
  --name, --description, --version, --author, --license   the model's details
show prints the metadata and the associated files.`;

const DETAIL_FLAGS = ['name', 'description', 'version', 'author', 'license'] as const;

function numbers(raw: string | undefined, flag: string): number[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw.split(',').map((v) => Number(v.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new UsageError(`--${flag} takes comma-separated numbers, got '${raw}'`);
  return values;
}

async function readBytes(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw new CommandError(`cannot read ${what} '${file}': ${(err as Error).message}`);
  }
}

/** `list` with `files` dropped by type, then `added` appended. */
function replaceFiles(list: readonly AssociatedFile[] | undefined, type: AssociatedFileType, added: AssociatedFile[]): AssociatedFile[] {
  return [...(list ?? []).filter((f) => f.type !== type), ...added];
}

function withNormalization(tensor: TensorMetadata | undefined, mean: number[], std: number[], channels: number): TensorMetadata {
  const units: ProcessUnit[] = [...(tensor?.processUnits ?? []).filter((u) => u.kind !== 'normalization'), { kind: 'normalization', mean, std }];
  const content = tensor?.content ?? { properties: { kind: 'image' as const, colorSpace: channels === 1 ? ('GRAYSCALE' as const) : ('RGB' as const) } };
  return { name: 'image', ...tensor, content, processUnits: units };
}

async function add(p: ParsedArgs, modelPath: string): Promise<number> {
  const out = stringFlag(p, 'out');
  if (out === undefined) throw new UsageError('metadata add needs --out <file>');
  const bytes = await readBytes(modelPath, 'model');
  const { metadata, files } = readModelMetadata(bytes);
  // The graph is read, not run: metadata can go on a model whose operators this runtime does not have yet.
  const graph = readModel(bytes).subgraphs[0];
  const newFiles = new Map(files);
  const base: ModelMetadata = metadata ?? {};
  const sg: SubGraphMetadata = base.subgraphMetadata?.[0] ?? {};
  const inputs = graph.inputs.map((t, i) => sg.inputTensorMetadata?.[i] ?? { name: graph.tensors[t].name });
  const outputs = graph.outputs.map((t, i) => sg.outputTensorMetadata?.[i] ?? { name: graph.tensors[t].name });
  const [mean, std] = [numbers(stringFlag(p, 'mean'), 'mean'), numbers(stringFlag(p, 'std'), 'std')];
  if ((mean === undefined) !== (std === undefined)) throw new UsageError('--mean and --std go together');
  if (mean && std) inputs[0] = withNormalization(inputs[0], mean, std, graph.tensors[graph.inputs[0]].shape[3] ?? 1);
  const labels = stringFlag(p, 'labels');
  if (labels !== undefined) {
    // A detector's labels name the values of its classes output; a classifier's, the axis of its scores.
    const postprocess = graph.operators.find((op) => op.customCode === 'TFLite_Detection_PostProcess');
    const type: AssociatedFileType = postprocess ? 'TENSOR_VALUE_LABELS' : 'TENSOR_AXIS_LABELS';
    const at = postprocess ? Math.max(0, graph.outputs.indexOf(postprocess.outputs[1])) : 0;
    const name = basename(labels);
    for (const f of outputs[at].associatedFiles ?? []) if (f.type === type) newFiles.delete(f.name);
    newFiles.set(name, await readBytes(labels, 'labels file'));
    outputs[at] = { ...outputs[at], associatedFiles: replaceFiles(outputs[at].associatedFiles, type, [{ name, description: 'Labels for categories that the model can recognize.', type }]) };
  }
  const details = Object.fromEntries(DETAIL_FLAGS.map((f) => [f, stringFlag(p, f)]).filter(([, v]) => v !== undefined));
  const updated: ModelMetadata = {
    ...base,
    ...details,
    subgraphMetadata: [{ ...sg, inputTensorMetadata: inputs, outputTensorMetadata: outputs }, ...(base.subgraphMetadata ?? []).slice(1)],
  };
  const written = writeModelMetadata(bytes, updated, newFiles);
  readModel(written); // the result must still read as the same model
  await writeFile(out, written);
  console.log(`${out}: ${written.length} bytes, metadata ${readModelMetadata(written).metadata?.minParserVersion} with ${newFiles.size} associated file(s)`);
  return 0;
}

async function show(p: ParsedArgs, modelPath: string): Promise<number> {
  const { metadata, files } = readModelMetadata(await readBytes(modelPath, 'model'));
  if (p.flags.has('json')) {
    console.log(JSON.stringify({ metadata, files: [...files].map(([name, data]) => ({ name, bytes: data.length })) }, null, 2));
  } else {
    console.log(metadata === null ? `${modelPath}: no metadata` : formatMetadata(metadata, new Map([...files].map(([n, d]) => [n, d.length]))).join('\n'));
  }
  return 0;
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['out', 'labels', 'mean', 'std', ...DETAIL_FLAGS], booleans: ['json'] });
  const [action, modelPath, ...rest] = p.positional;
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (modelPath === undefined || (action !== 'add' && action !== 'show')) throw new UsageError('use metadata add <model> … or metadata show <model>');
  return asCommandErrors(() => (action === 'add' ? add(p, modelPath) : show(p, modelPath)));
}
