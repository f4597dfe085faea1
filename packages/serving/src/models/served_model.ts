/**
 * A model as the HTTP core serves it: a name and version, the task it performs (if any) and its raw tensors
 * for the inference protocols. The core sees only these interfaces, so tests can stand in for a model.
 */
import type {
  AudioInput,
  CategoryFilter,
  ClassificationResult,
  DetectionResult,
  EmbedOptions,
  EmbeddingResult,
  ImageCallOptions,
  ImageSegmenterResult,
  SegmentOptions,
  TaskKind,
} from '../tasks/index.js';
import type { TensorSpec, TensorValue } from './tensor_endpoint.js';

export interface ImageClassifyTask {
  readonly kind: 'classify';
  readonly numClasses: number;
  classify(image: Uint8Array, filter?: CategoryFilter, call?: ImageCallOptions): ClassificationResult;
}
export interface DetectTask {
  readonly kind: 'detect';
  detect(image: Uint8Array, filter?: CategoryFilter, call?: ImageCallOptions): DetectionResult;
}
export interface SegmentTask {
  readonly kind: 'segment';
  segment(image: Uint8Array, options?: SegmentOptions, call?: ImageCallOptions): ImageSegmenterResult;
}
export interface EmbedTask {
  readonly kind: 'embed';
  embed(image: Uint8Array, options?: EmbedOptions, call?: ImageCallOptions): EmbeddingResult;
}
export interface AudioTask {
  readonly kind: 'audio';
  classify(audio: AudioInput, filter?: CategoryFilter): ClassificationResult[];
}
export interface TextTask {
  readonly kind: 'text';
  classify(text: string, filter?: CategoryFilter): ClassificationResult;
}

export type ServingTask = ImageClassifyTask | DetectTask | SegmentTask | EmbedTask | AudioTask | TextTask;

/** Raw tensors in and out, by name. */
export interface TensorRunner {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  run(inputs: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: TensorValue['data'] }>): TensorValue[];
}

export interface ServedModel {
  /** The name the routes use: letters, digits, '.', '_' and '-'. */
  readonly name: string;
  readonly version: string;
  readonly task: ServingTask | null;
  readonly tensors: TensorRunner | null;
  /** The model's own description (metadata name and description), for listings. */
  readonly description?: string;
  /** Releases the model's memory (its interpreters). */
  dispose?(): void;
}

export function taskKindOf(model: ServedModel): TaskKind | null {
  return model.task?.kind ?? null;
}
