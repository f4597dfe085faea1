/**
 * `tflite-lambda predict <model> <input>`: one prediction with the task the model is for, through the same
 * HTTP core the Lambda handler runs (the task route of the model), so the CLI, the handler and the library
 * give the same answer for the same model and options.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createApp, loadServedModel, TASK_KINDS, type ServedModel, type TaskKind, type TaskOptions } from '@tflite-lambda/serving';
import { parseArgs, stringFlag } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { formatPrediction } from './predict_format.js';
import { asCommandErrors } from './task_errors.js';

export const summary = 'Run a model on an image, WAV or text file with the task it is for (classify, detect, ...)';
export const usage = `Usage: tflite-lambda predict <model.tflite> <input file> [--task auto|classify|detect|segment|embed|audio|text]
                             [--top K] [--threshold S] [--labels <file>] [--mean m --std s] [--fit stretch|crop]
                             [--json] [--mask-png <file>]

The task comes from the model's metadata and tensors (--task auto, the default) or from --task. The input is a
PNG or JPEG image, a WAV file (audio) or a UTF-8 text file (text).
  --top        the K best categories (classification) or detections
  --threshold  drop results scoring below S
  --labels     class names, one per line (when the model carries none)
  --mean/--std the input normalization, (pixel - mean) / std in 0..255 units (when the model carries none)
  --fit        stretch (default) the whole image to the input, or crop its centre to the input's aspect ratio
  --json       print the answer as the HTTP route returns it (MediaPipe-shaped JSON)
  --mask-png   for segmentation: also write the category mask as a PNG`;

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain',
};

function taskFlag(raw: string | undefined): TaskKind | 'auto' {
  if (raw === undefined || raw === 'auto') return 'auto';
  if (!(TASK_KINDS as readonly string[]).includes(raw)) throw new UsageError(`--task must be auto or one of ${TASK_KINDS.join(', ')}, got '${raw}'`);
  return raw as TaskKind;
}

function numberFlag(raw: string | undefined, name: string, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new UsageError(`--${name} must be ${integer ? 'a positive integer' : 'a number'}, got '${raw}'`);
  }
  return n;
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw new CommandError(`cannot read '${file}': ${(err as Error).message}`);
  }
}

/** The task route's answer for `input`: status and body, as the Lambda handler would send them. */
export function predictWith(model: ServedModel, input: Uint8Array, file: string, query: Record<string, string>): { status: number; body: string | Uint8Array } {
  const task = model.task;
  if (task === null) throw new CommandError(`${file}: the model has no task (it can only be run on raw tensors: tflite-lambda run)`);
  const verb = task.kind === 'audio' || task.kind === 'text' ? 'classify' : task.kind;
  const fallback = task.kind === 'audio' ? 'audio/wav' : task.kind === 'text' ? 'text/plain' : 'application/octet-stream';
  const type = TYPES[extname(file).toLowerCase()] ?? fallback;
  const app = createApp({ models: [model], cors: false });
  const { response } = app.handle({
    method: 'POST',
    path: `/models/${model.name}/${verb}`,
    headers: { 'content-type': type },
    query,
    body: input,
    requestId: 'cli',
  });
  return { status: response.status, body: response.body };
}

export async function main(args: string[]): Promise<number> {
  return asCommandErrors(() => predict(args));
}

function normalizationOf(mean: string | undefined, std: string | undefined): Partial<TaskOptions> {
  if (mean === undefined && std === undefined) return {};
  const parse = (raw: string | undefined, flag: string) => {
    const values = (raw ?? '').split(',').map(Number);
    if (raw === undefined || values.some((v) => !Number.isFinite(v))) throw new UsageError(`--${flag} takes comma-separated numbers (with --${flag === 'mean' ? 'std' : 'mean'})`);
    return values;
  };
  return { normalization: { mean: parse(mean, 'mean'), std: parse(std, 'std') } };
}

async function predict(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['task', 'top', 'threshold', 'labels', 'mean', 'std', 'fit', 'mask-png'], booleans: ['json'] });
  if (p.positional.length !== 2) throw new UsageError('predict needs a model path and an input file');
  const [modelPath, inputPath] = p.positional;
  const fit = stringFlag(p, 'fit');
  if (fit !== undefined && fit !== 'stretch' && fit !== 'crop') throw new UsageError(`--fit must be stretch or crop, got '${fit}'`);
  const options: Partial<TaskOptions> = {
    ...(stringFlag(p, 'labels') === undefined ? {} : { labels: stringFlag(p, 'labels') }),
    ...(fit === undefined ? {} : { fit }),
    ...normalizationOf(stringFlag(p, 'mean'), stringFlag(p, 'std')),
  };
  const model = await loadServedModel(modelPath, { name: 'model', task: taskFlag(stringFlag(p, 'task')), options });
  const query: Record<string, string> = {};
  const top = numberFlag(stringFlag(p, 'top'), 'top', true);
  const threshold = numberFlag(stringFlag(p, 'threshold'), 'threshold', false);
  if (top !== undefined) query.maxResults = String(top);
  if (threshold !== undefined) query.scoreThreshold = String(threshold);
  const { status, body } = predictWith(model, await readInput(inputPath), basename(inputPath), query);
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  if (status !== 200) {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    throw new CommandError(`${inputPath}: ${parsed.error?.message ?? text}`);
  }
  const answer = JSON.parse(text) as Record<string, unknown>;
  const maskPng = stringFlag(p, 'mask-png');
  if (maskPng !== undefined) {
    const png = predictWith(model, await readInput(inputPath), basename(inputPath), { ...query, format: 'png' });
    if (png.status !== 200 || typeof png.body === 'string') throw new CommandError(`${inputPath}: no category mask to write (is the model a segmenter?)`);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(maskPng, png.body);
  }
  console.log(p.flags.has('json') ? JSON.stringify(answer, null, 2) : formatPrediction(model.task?.kind ?? 'classify', answer));
  model.dispose?.();
  return 0;
}
