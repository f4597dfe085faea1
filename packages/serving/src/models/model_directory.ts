/**
 * A model directory (MODEL_DIR): every `<name>.tflite` in it is served as `<name>`, with an optional sidecar
 * `<name>.json` ({ "task", "version", "options" }; paths in options relative to the folder). Each model's
 * task comes from its sidecar, else from its metadata and tensors.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TaskError } from '../tasks/index.js';
import { loadServedModel, type ModelConfig } from './load_model.js';
import type { ServedModel } from './served_model.js';

async function sidecar(dir: string, name: string, files: ReadonlySet<string>): Promise<ModelConfig> {
  const file = `${name}.json`;
  if (!files.has(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (err) {
    throw new TaskError('BAD_OPTIONS', `${join(dir, file)}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TaskError('BAD_OPTIONS', `${join(dir, file)}: expected an object like { "task": "detect", "options": { ... } }`);
  }
  return parsed as ModelConfig;
}

export async function loadModelDirectory(dir: string): Promise<ServedModel[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    throw new TaskError('BAD_OPTIONS', `cannot read the model directory '${dir}': ${(err as Error).message}`);
  }
  const files = new Set(entries);
  const names = entries.filter((f) => f.endsWith('.tflite')).map((f) => f.slice(0, -'.tflite'.length)).sort();
  if (names.length === 0) throw new TaskError('BAD_OPTIONS', `the model directory '${dir}' holds no .tflite files`);
  const models: ServedModel[] = [];
  for (const name of names) {
    const config = await sidecar(dir, name, files);
    models.push(await loadServedModel(join(dir, `${name}.tflite`), { ...config, name }, dir));
  }
  return models;
}
