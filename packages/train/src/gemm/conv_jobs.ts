/**
 * One unit of convolution work over a range of images, on float views of a shared buffer. The main thread
 * and the worker run the same function on disjoint image ranges (the filter gradient on separate partials).
 */
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, type ConvGeometry } from './conv.js';
import { setGemmImpl, type GemmImpl } from './gemm_select.js';

export type ConvJobKind = 'forward' | 'filter' | 'input';

export interface ConvJob {
  readonly kind: ConvJobKind;
  readonly g: ConvGeometry;
  readonly n0: number;
  readonly n1: number;
  readonly buffer: SharedArrayBuffer;
  /** Float offsets and lengths of the two operands and of this job's output region in `buffer`. */
  readonly a: readonly [number, number];
  readonly b: readonly [number, number];
  readonly out: readonly [number, number];
  /** The GEMM the posting thread uses, so both halves of a job run the same one. */
  readonly gemm?: GemmImpl;
}

export function runConvJob(job: ConvJob): void {
  const view = ([offset, length]: readonly [number, number]) => new Float32Array(job.buffer, offset * 4, length);
  if (job.gemm) setGemmImpl(job.gemm);
  const a = view(job.a), b = view(job.b), out = view(job.out);
  if (job.kind === 'forward') conv2dForward(a, b, job.g, out, job.n0, job.n1);
  else if (job.kind === 'filter') conv2dBackpropFilter(a, b, job.g, out, job.n0, job.n1, false);
  else conv2dBackpropInput(a, b, job.g, out, job.n0, job.n1);
}
