/**
 * Where a task's model comes from, in the two shapes callers know: a path or bytes (`load`, TFLite Task
 * Library's createFromFile/createFromBuffer), or MediaPipe's `createFromOptions({ baseOptions: { ... } })`.
 */
import type { ModelSource } from '@tflite-lambda/runtime';
import { TaskError } from './errors.js';
import { TaskModel } from './task_model.js';

export interface BaseOptions {
  readonly modelAssetPath?: string;
  readonly modelAssetBuffer?: Uint8Array | ArrayBuffer;
  /** Refuse models whose activations would need more memory than this (the interpreter's limit). */
  readonly maxArenaBytes?: number;
}

export interface WithBaseOptions {
  readonly baseOptions: BaseOptions;
}

export async function loadFromBaseOptions(base: BaseOptions): Promise<TaskModel> {
  const source: ModelSource | undefined = base.modelAssetBuffer ?? base.modelAssetPath;
  if (source === undefined) throw new TaskError('BAD_OPTIONS', 'baseOptions needs modelAssetPath or modelAssetBuffer');
  return TaskModel.load(source, base.maxArenaBytes === undefined ? {} : { maxArenaBytes: base.maxArenaBytes });
}
