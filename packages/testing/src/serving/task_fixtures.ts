/**
 * Test support for the task tests: paths of the published models in ../shared (tasks/ and wild/) and of the
 * example app, and metadata attached with our writer to models that ship without it. Not exported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeModelMetadata, type ModelMetadata, type TensorMetadata } from '@tflite-lambda/runtime/metadata';
import { repoRoot, sharedDir } from '../paths.js';

export function sharedPath(...parts: string[]): string {
  const shared = sharedDir();
  if (shared === null) throw new Error('../shared is missing');
  return join(shared, ...parts);
}

export function repoPath(...parts: string[]): string {
  return join(repoRoot(), ...parts);
}

/** A file's bytes in a fresh, aligned Uint8Array (not a pooled Buffer). */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export interface ClassifierMetadataSpec {
  readonly name?: string;
  /** Labels file contents (one per line) attached to output 0 as TENSOR_AXIS_LABELS. */
  readonly labels: string;
  /** Further label files by locale (display names). */
  readonly localized?: Readonly<Record<string, string>>;
  readonly mean?: number[];
  readonly std?: number[];
  readonly colorSpace?: 'RGB' | 'GRAYSCALE';
}

/** An image classifier's metadata: image input (colour space, normalization), labelled output 0. */
export function withClassifierMetadata(model: Uint8Array, spec: ClassifierMetadataSpec): Uint8Array {
  const enc = (s: string) => new TextEncoder().encode(s);
  const files = new Map<string, Uint8Array>([['labels.txt', enc(spec.labels)]]);
  const localized = Object.entries(spec.localized ?? {});
  for (const [locale, text] of localized) files.set(`labels_${locale}.txt`, enc(text));
  const input: TensorMetadata = {
    name: 'image',
    content: { properties: { kind: 'image', colorSpace: spec.colorSpace ?? 'RGB' } },
    ...(spec.mean && spec.std ? { processUnits: [{ kind: 'normalization', mean: spec.mean, std: spec.std }] } : {}),
  };
  const output: TensorMetadata = {
    name: 'probability',
    associatedFiles: [
      { name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' },
      ...localized.map(([locale]) => ({ name: `labels_${locale}.txt`, type: 'TENSOR_AXIS_LABELS' as const, locale })),
    ],
  };
  const metadata: ModelMetadata = { name: spec.name ?? 'classifier', subgraphMetadata: [{ inputTensorMetadata: [input], outputTensorMetadata: [output] }] };
  return writeModelMetadata(model, metadata, files);
}
