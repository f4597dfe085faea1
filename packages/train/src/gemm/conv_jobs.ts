/**
 * One unit of convolution work over a range of images, on float views of a shared buffer. The main thread
 * and the worker run the same function on disjoint image ranges (the filter gradient on separate partials).
 */
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, type ConvGeometry } from './conv.js';
import { setGemmImpl, type GemmImpl } from './gemm_select.js';

export type ConvJobKind = 'forward' | 'filter' | 'input';

/** A float array in shared memory: `length` floats from float index `offset` of `buffer`. */
export interface SharedFloats {
  readonly buffer: SharedArrayBuffer;
  readonly offset: number;
  readonly length: number;
}

export interface ConvJob {
  readonly kind: ConvJobKind;
  readonly g: ConvGeometry;
  readonly n0: number;
  readonly n1: number;
  /** The two operands and this job's output region. */
  readonly a: SharedFloats;
  readonly b: SharedFloats;
  readonly out: SharedFloats;
  /** The GEMM the posting thread uses, so both halves of a job run the same one. */
  readonly gemm?: GemmImpl;
}

export function runConvJob(job: ConvJob): void {
  const view = (s: SharedFloats) => new Float32Array(s.buffer, s.offset * 4, s.length);
  if (job.gemm) setGemmImpl(job.gemm);
  const a = view(job.a), b = view(job.b), out = view(job.out);
  if (job.kind === 'forward') conv2dForward(a, b, job.g, out, job.n0, job.n1);
  else if (job.kind === 'filter') conv2dBackpropFilter(a, b, job.g, out, job.n0, job.n1, false);
  else conv2dBackpropInput(a, b, job.g, out, job.n0, job.n1);
}
