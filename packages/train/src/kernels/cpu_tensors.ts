/** Typed access to the TF.js cpu backend's tensor storage and to kernel attributes, without casts. */
import type { backend_util, NamedAttrMap, TensorInfo, KernelFunc } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { hookBackend } from './backend_hooks.js';

export type KernelArgs = Parameters<KernelFunc>[0];

/** The cpu backend a kernel runs on, with the output pool's hooks installed (once). */
export function cpuBackend(args: KernelArgs): MathBackendCPU {
  if (!(args.backend instanceof MathBackendCPU)) throw new Error('fast kernels run on the TF.js cpu backend only');
  hookBackend(args.backend);
  return args.backend;
}

/** The float32 values of a tensor, or null when it is not float32 (the caller then uses the stock kernel). */
export function floatValues(backend: MathBackendCPU, t: TensorInfo): Float32Array | null {
  if (t.dtype !== 'float32') return null;
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : null;
}

/** A kernel input that must be present (TF.js types every named input as optional). */
export function required(args: KernelArgs, name: string): TensorInfo {
  const t = args.inputs[name];
  if (!t) throw new Error(`kernel input '${name}' is missing`);
  return t;
}

export function output(backend: MathBackendCPU, shape: number[], values: Float32Array): TensorInfo {
  return backend.makeTensorInfo(shape, 'float32', values);
}

export function shape4(s: number[], what: string): [number, number, number, number] {
  if (s.length !== 4) throw new Error(`${what}: expected rank 4, got [${s.join(',')}]`);
  return [s[0], s[1], s[2], s[3]];
}

type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

function isExplicitPadding(v: unknown): v is backend_util.ExplicitPadding {
  return Array.isArray(v) && v.length === 4 && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number'));
}

export function padAttr(attrs: NamedAttrMap): Pad {
  const p = attrs.pad;
  if (p === 'same') return 'same';
  if (p === 'valid') return 'valid';
  if (typeof p === 'number') return p;
  if (isExplicitPadding(p)) return p;
  throw new Error(`unsupported pad attribute ${JSON.stringify(p)}`);
}

export function pairAttr(attrs: NamedAttrMap, name: string, fallback: number): number | [number, number] {
  const v = attrs[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  throw new Error(`unsupported ${name} attribute ${JSON.stringify(v)}`);
}

export function roundingAttr(attrs: NamedAttrMap): 'floor' | 'round' | 'ceil' | undefined {
  const r = attrs.dimRoundingMode;
  if (r === 'floor') return 'floor';
  if (r === 'round') return 'round';
  if (r === 'ceil') return 'ceil';
  return undefined;
}

export function numberListAttr(attrs: NamedAttrMap, name: string): number[] {
  const v = attrs[name];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  throw new Error(`attribute ${name} must be a list of numbers, got ${JSON.stringify(v)}`);
}

export function isChannelsLast(attrs: NamedAttrMap): boolean {
  return attrs.dataFormat === undefined || attrs.dataFormat === 'NHWC' || attrs.dataFormat === 'channelsLast';
}
