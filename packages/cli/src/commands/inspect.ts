import { readFile } from 'node:fs/promises';
import { Interpreter, opName, readModel, TfliteError, type TensorDetails } from '@tflite-lambda/runtime';
import { readModelMetadata, type ModelMetadata } from '@tflite-lambda/runtime/metadata';
import { parseArgs } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { formatMetadata } from './metadata_report.js';

export const summary = 'Show a model: ops, inputs/outputs, quantization, weight and arena bytes';
export const usage = `Usage: tflite-lambda inspect <model.tflite> [--json] [--tensors]

Prints the operators (with counts), the inputs and outputs of subgraph 0 with dtype, shape and quantization,
the bytes of weights stored in the model and the bytes of the activation arena the runtime plans.
  --json      machine-readable output
  --tensors   also list every tensor of subgraph 0: dtype, shape, constant or not, scale and zero point
              (every per-channel scale and zero point in --json)`;

export interface ModelReport {
  file: string;
  bytes: number;
  description: string;
  subgraphs: number;
  ops: { name: string; code: number; versions: number[]; count: number }[];
  inputs: TensorDetails[];
  outputs: TensorDetails[];
  weightBytes: number;
  arenaBytes: number | null;
  /** Why the runtime cannot plan this model, when it cannot. */
  unsupported: string | null;
  /** Every tensor of subgraph 0, with --tensors. */
  tensors?: TensorReport[];
  /** The model's TFLite metadata (null when it has none) and its associated files. */
  metadata: ModelMetadata | null;
  associatedFiles: { name: string; bytes: number }[];
}

/** One tensor of the model as stored (before the runtime resolves any dynamic shape). */
export interface TensorReport {
  index: number;
  name: string;
  dtype: string;
  shape: number[];
  constant: boolean;
  variable: boolean;
  quantization: TensorDetails['quantization'] | null;
}

/** Every tensor of subgraph 0 with its dtype, shape and quantization parameters. */
export function describeTensors(bytes: Uint8Array): TensorReport[] {
  const sg = readModel(bytes).subgraphs[0];
  if (!sg) return [];
  return sg.tensors.map((t, index) => ({
    index,
    name: t.name,
    dtype: t.dtype,
    shape: [...t.shape],
    constant: t.data !== null,
    variable: t.isVariable,
    quantization: t.quantization && t.quantization.scale.length > 0
      ? { scale: [...t.quantization.scale], zeroPoint: [...t.quantization.zeroPoint], quantizedDimension: t.quantization.quantizedDimension }
      : null,
  }));
}

export function describeModel(file: string, bytes: Uint8Array): ModelReport {
  const model = readModel(bytes);
  // Custom operators are told apart by name (CUSTOM 'TFLite_Detection_PostProcess'), builtins by code.
  const counts = new Map<string, { code: number; versions: Set<number>; count: number }>();
  for (const op of model.subgraphs[0]?.operators ?? []) {
    const name = op.customCode === null ? opName(op.opcode) : `${opName(op.opcode)} '${op.customCode}'`;
    const c = counts.get(name) ?? { code: op.opcode, versions: new Set<number>(), count: 0 };
    c.versions.add(op.version);
    c.count++;
    counts.set(name, c);
  }
  const ops = [...counts].map(([name, c]) => ({ name, code: c.code, versions: [...c.versions].sort(), count: c.count }));
  ops.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const sg = model.subgraphs[0];
  let arenaBytes: number | null = null;
  let unsupported: string | null = null;
  let weightBytes = sg ? sg.tensors.reduce((s, t) => s + (t.data?.byteLength ?? 0), 0) : 0;
  let inputs: TensorDetails[] = [];
  let outputs: TensorDetails[] = [];
  try {
    const it = Interpreter.loadSync(bytes);
    it.allocateTensors();
    arenaBytes = it.arenaBytes;
    weightBytes = it.weightBytes;
    inputs = it.getInputDetails();
    outputs = it.getOutputDetails();
  } catch (err) {
    if (!(err instanceof TfliteError)) throw err;
    unsupported = err.message;
    const plain = (i: number): TensorDetails => {
      const t = sg.tensors[i];
      const q = t.quantization;
      return {
        index: i,
        name: t.name,
        shape: [...t.shape],
        shapeSignature: [...(t.shapeSignature ?? t.shape)],
        dtype: t.dtype,
        quantization: { scale: [...(q?.scale ?? [])], zeroPoint: [...(q?.zeroPoint ?? [])], quantizedDimension: q?.quantizedDimension ?? 0 },
      };
    };
    inputs = sg ? sg.inputs.map(plain) : [];
    outputs = sg ? sg.outputs.map(plain) : [];
  }
  return {
    file,
    bytes: bytes.byteLength,
    description: model.description,
    subgraphs: model.subgraphs.length,
    ops,
    inputs,
    outputs,
    weightBytes,
    arenaBytes,
    unsupported,
    ...metadataOf(bytes),
  };
}

function metadataOf(bytes: Uint8Array): Pick<ModelReport, 'metadata' | 'associatedFiles'> {
  const { metadata, files } = readModelMetadata(bytes);
  return { metadata, associatedFiles: [...files].map(([name, data]) => ({ name, bytes: data.length })) };
}

function formatQuant(q: TensorDetails['quantization']): string {
  if (q.scale.length === 0) return '';
  if (q.scale.length === 1) return `  scale=${q.scale[0].toPrecision(6)} zero_point=${q.zeroPoint[0]}`;
  return `  per-channel(dim ${q.quantizedDimension}, ${q.scale.length} scales)`;
}

/** One line per tensor for --tensors: per-channel parameters are summarised by their range. */
function formatTensorReport(t: TensorReport): string {
  const kind = t.constant ? ' const' : t.variable ? ' variable' : '';
  const q = t.quantization;
  let quant = '';
  if (q && q.scale.length === 1) quant = `  scale=${q.scale[0].toPrecision(6)} zero_point=${q.zeroPoint[0]}`;
  else if (q) {
    const lo = Math.min(...q.scale);
    const hi = Math.max(...q.scale);
    const zps = [...new Set(q.zeroPoint)];
    quant = `  per-channel(dim ${q.quantizedDimension}, ${q.scale.length} scales ${lo.toPrecision(4)}..${hi.toPrecision(4)}, ` +
      `zero_point${zps.length === 1 ? `=${zps[0]}` : `s ${Math.min(...zps)}..${Math.max(...zps)}`})`;
  }
  return `  #${t.index} ${t.name}: ${t.dtype}[${t.shape.join(',')}]${kind}${quant}`;
}

function formatTensor(t: TensorDetails): string {
  const sig = t.shapeSignature.some((d) => d < 0) ? ` signature=[${t.shapeSignature.join(',')}]` : '';
  return `  #${t.index} ${t.name}: ${t.dtype}[${t.shape.join(',')}]${sig}${formatQuant(t.quantization)}`;
}

export function formatReport(r: ModelReport): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = [`${r.file} (${kb(r.bytes)}, ${r.subgraphs} subgraph${r.subgraphs === 1 ? '' : 's'})`];
  if (r.description) lines.push(`description: ${r.description}`);
  lines.push('operators:');
  for (const op of r.ops) lines.push(`  ${String(op.count).padStart(4)} × ${op.name} (code ${op.code}, v${op.versions.join('/')})`);
  lines.push('inputs:', ...r.inputs.map(formatTensor), 'outputs:', ...r.outputs.map(formatTensor));
  lines.push(`weights: ${r.weightBytes} bytes (${kb(r.weightBytes)})`);
  lines.push(r.arenaBytes === null ? `arena: not planned — ${r.unsupported}` : `arena: ${r.arenaBytes} bytes (${kb(r.arenaBytes)})`);
  if (r.metadata) {
    lines.push(...formatMetadata(r.metadata, new Map(r.associatedFiles.map((f) => [f.name, f.bytes]))));
  }
  if (r.tensors) lines.push(`tensors (${r.tensors.length}):`, ...r.tensors.map(formatTensorReport));
  return lines.join('\n');
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { booleans: ['json', 'tensors'] });
  if (p.positional.length !== 1) throw new UsageError('inspect needs exactly one model path');
  const file = p.positional[0];
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new TfliteError('IO', `cannot read '${file}': ${(err as Error).message}`);
  }
  let report: ModelReport;
  try {
    report = describeModel(file, bytes);
  } catch (err) {
    throw err instanceof TfliteError ? new CommandError(`${file}: ${err.message}`) : err;
  }
  if (p.flags.has('tensors')) report.tensors = describeTensors(bytes);
  console.log(p.flags.has('json') ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}
