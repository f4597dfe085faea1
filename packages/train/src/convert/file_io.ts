/**
 * A small TF.js IOHandler over the file system: `model.json` (topology + weights manifest) and the weight
 * files it lists, in the layout `tfjs.converters` and `model.save('file://…')` use.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { ConversionError } from './read_layers.js';

interface ModelJson {
  modelTopology: {} | ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
}

function isModelJson(v: unknown): v is ModelJson {
  return typeof v === 'object' && v !== null && 'modelTopology' in v && 'weightsManifest' in v && Array.isArray(v.weightsManifest);
}

function readOrFail(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    throw new ConversionError(`${path}: cannot read ${what}${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`);
  }
}

function parseJson(bytes: Buffer, path: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ConversionError(`${path}: not valid JSON`);
  }
}

/** A graph-format model.json (tfjs_graph_model): TF ops in `modelTopology.node`, which tfjs-layers cannot read. */
function isGraphModel(json: ModelJson): boolean {
  const topology = json.modelTopology as { node?: unknown };
  return json.format === 'graph-model' || Array.isArray(topology.node);
}

/** Reads `path` (a model.json) and the weight shards next to it; problems are ConversionErrors naming the file. */
export function fileLoader(path: string): io.IOHandler {
  return {
    load: async () => {
      const json = parseJson(readOrFail(path, 'the model.json'), path);
      if (!isModelJson(json)) throw new ConversionError(`${path}: not a TF.js model.json (needs modelTopology and weightsManifest)`);
      if (isGraphModel(json)) {
        throw new ConversionError(`${path}: a TF.js graph model (format 'graph-model'); the converter takes layers models (tf.LayersModel / Keras) only`);
      }
      const specs: io.WeightsManifestEntry[] = [];
      const chunks: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) chunks.push(readOrFail(join(dirname(path), p), `weight file '${p}' listed in ${path}`));
      }
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const data = new Uint8Array(total);
      let o = 0;
      for (const c of chunks) {
        data.set(c, o);
        o += c.length;
      }
      return { modelTopology: json.modelTopology, weightSpecs: specs, weightData: data.buffer, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy ?? null };
    },
  };
}

function concat(data: io.WeightData): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  const parts = data.map((b) => new Uint8Array(b));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Writes `dir/model.json` and `dir/weights.bin`. */
export function fileSaver(dir: string): io.IOHandler {
  return {
    save: async (artifacts) => {
      mkdirSync(dir, { recursive: true });
      const weights = artifacts.weightData ? concat(artifacts.weightData) : new Uint8Array(0);
      writeFileSync(join(dir, 'weights.bin'), weights);
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? 'tflite-lambda train',
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.length } };
    },
  };
}

/** The TF.js LayersModel saved at `path` (a model.json with its weight files). */
export function loadModelFile(path: string): Promise<LayersModel> {
  return loadLayersModel(fileLoader(path));
}
