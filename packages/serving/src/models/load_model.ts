/**
 * Loading a model to serve: read it with its metadata, settle its task (given, or inferred from the model)
 * and build the task and the raw-tensor endpoint over one interpreter. Options a config file gives as paths
 * (labels, a tokenizer's vocabulary) are resolved against the config's folder.
 */
import { basename, extname, isAbsolute, join } from 'node:path';
import { Interpreter, type InterpreterOptions } from '@tflite-lambda/runtime';
import {
  AudioClassifier,
  ImageClassifier,
  ImageEmbedder,
  ImageSegmenter,
  ObjectDetector,
  TaskError,
  TaskModel,
  TextClassifier,
  inferTask,
  TASK_KINDS,
  type AudioClassifierOptions,
  type ImageClassifierOptions,
  type ImageEmbedderOptions,
  type ImageSegmenterOptions,
  type ObjectDetectorOptions,
  type TaskKind,
  type TextClassifierOptions,
} from '../tasks/index.js';
import type { ServedModel, ServingTask } from './served_model.js';
import { TensorEndpoint } from './tensor_endpoint.js';

/** Options of any task (each task reads the fields it knows). */
export type TaskOptions = ImageClassifierOptions & ObjectDetectorOptions & ImageSegmenterOptions & ImageEmbedderOptions & AudioClassifierOptions & TextClassifierOptions;

export interface ModelConfig {
  readonly name?: string;
  readonly version?: string;
  /** 'auto' (default): from the metadata and tensors; 'none': raw tensors only. */
  readonly task?: TaskKind | 'auto' | 'none';
  readonly options?: Partial<TaskOptions>;
  readonly maxArenaBytes?: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function checkModelName(name: string): string {
  if (!NAME.test(name)) throw new TaskError('BAD_OPTIONS', `model name '${name.slice(0, 60)}' must be letters, digits, '.', '_' or '-' (at most 128)`);
  return name;
}

export function taskOf(kind: TaskKind, model: TaskModel, options: Partial<TaskOptions>): ServingTask {
  switch (kind) {
    case 'classify': {
      const t = ImageClassifier.fromTaskModel(model, options);
      return { kind, numClasses: t.numClasses, classify: (image, filter, call) => t.classify(image, filter, call) };
    }
    case 'detect': {
      const t = ObjectDetector.fromTaskModel(model, options);
      return { kind, detect: (image, filter, call) => t.detect(image, filter, call) };
    }
    case 'segment': {
      const t = ImageSegmenter.fromTaskModel(model, options);
      return { kind, segment: (image, o, call) => t.segment(image, o, call) };
    }
    case 'embed': {
      const t = ImageEmbedder.fromTaskModel(model, options);
      return { kind, embed: (image, o, call) => t.embed(image, o, call) };
    }
    case 'audio': {
      const t = AudioClassifier.fromTaskModel(model, options);
      return { kind, classify: (audio, filter) => t.classify(audio, filter) };
    }
    case 'text': {
      const t = TextClassifier.fromTaskModel(model, options);
      return { kind, classify: (text, filter) => t.classify(text, filter) };
    }
  }
}

/** Paths in options, relative to `baseDir` (the config file's folder). */
export function resolveOptionPaths(options: Partial<TaskOptions>, baseDir: string | undefined): Partial<TaskOptions> {
  if (baseDir === undefined) return options;
  const at = (p: string) => (isAbsolute(p) ? p : join(baseDir, p));
  const labels = typeof options.labels === 'string' ? at(options.labels) : options.labels;
  const tk = options.tokenizer;
  const tokenizer = tk && typeof tk.vocab === 'string' ? { ...tk, vocab: at(tk.vocab) } : tk;
  return { ...options, labels, tokenizer };
}

function nameOf(source: string | Uint8Array): string {
  return typeof source === 'string' ? basename(source, extname(source)) : 'model';
}

export async function loadServedModel(source: string | Uint8Array, config: ModelConfig = {}, baseDir?: string): Promise<ServedModel> {
  const interpreterOptions: InterpreterOptions = config.maxArenaBytes === undefined ? {} : { maxArenaBytes: config.maxArenaBytes };
  const model = await TaskModel.load(source, interpreterOptions);
  const bytes = model.bytes;
  const requested = config.task ?? 'auto';
  if (requested !== 'auto' && requested !== 'none' && !TASK_KINDS.includes(requested)) {
    throw new TaskError('BAD_OPTIONS', `task '${String(requested)}' is not one of auto, none, ${TASK_KINDS.join(', ')}`);
  }
  const kind = requested === 'auto' ? inferTask(model) : requested === 'none' ? null : requested;
  let task: ServingTask | null;
  try {
    task = kind === null ? null : taskOf(kind, model, resolveOptionPaths(config.options ?? {}, baseDir));
  } catch (err) {
    model.dispose(); // a model refused by its task releases its memory
    throw err;
  }
  const meta = model.metadata;
  const description = [meta?.name, meta?.description].filter(Boolean).join(': ') || undefined;
  const tensors = new TensorEndpoint(model.interpreter, task === null || bytes === null ? undefined : () => Interpreter.loadSync(bytes, interpreterOptions));
  return {
    name: checkModelName(config.name ?? nameOf(source)),
    version: config.version ?? '1',
    task,
    tensors,
    ...(description ? { description } : {}),
    dispose() {
      tensors.dispose();
      model.dispose();
    },
  };
}
