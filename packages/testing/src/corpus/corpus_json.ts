/**
 * The JSON side shared by the corpus readers (../shared/conformance and ../shared/wild use the same case
 * format): tensors as `{dtype, shape, data}` with `data` the base64 of the raw little-endian bytes, and
 * `cases.json` as `{reference, cases: [{kind, inputs, outputs}]}`.
 */
import { readFileSync } from 'node:fs';
import { isDType, typedFromBytes, type HostTensor } from '../litert/host_tensor.js';

export interface CorpusCase {
  /** 'random' or 'zeros'. */
  readonly kind: string;
  readonly inputs: readonly HostTensor[];
  readonly outputs: readonly HostTensor[];
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function decodeTensor(raw: unknown, where: string): HostTensor {
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: not an object`);
  const dtype: unknown = Reflect.get(raw, 'dtype');
  const shape: unknown = Reflect.get(raw, 'shape');
  const data: unknown = Reflect.get(raw, 'data');
  if (typeof dtype !== 'string' || !isDType(dtype)) throw new Error(`${where}: unknown dtype ${String(dtype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d))) throw new Error(`${where}: bad shape`);
  if (typeof data !== 'string') throw new Error(`${where}: data is not base64 text`);
  return { dtype, shape: shape.map(Number), data: typedFromBytes(dtype, Buffer.from(data, 'base64')) };
}

function decodeTensors(raw: unknown, where: string): HostTensor[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: not a list`);
  return raw.map((t, i) => decodeTensor(t, `${where}[${i}]`));
}

function decodeCase(raw: unknown, where: string): CorpusCase {
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: not an object`);
  return {
    kind: String(Reflect.get(raw, 'kind')),
    inputs: decodeTensors(Reflect.get(raw, 'inputs'), `${where} inputs`),
    outputs: decodeTensors(Reflect.get(raw, 'outputs'), `${where} outputs`),
  };
}

/** Reads a model's `cases.json`: its reference engine and decoded cases. `name` labels errors. */
export function readCasesFile(path: string, name: string): { reference: string; cases: CorpusCase[] } {
  const raw = readJson(path);
  if (typeof raw !== 'object' || raw === null) throw new Error(`${name}/cases.json: not an object`);
  const list: unknown = Reflect.get(raw, 'cases');
  if (!Array.isArray(list)) throw new Error(`${name}/cases.json: no cases`);
  return {
    reference: String(Reflect.get(raw, 'reference')),
    cases: list.map((c: unknown, i: number) => decodeCase(c, `${name} case ${i}`)),
  };
}
