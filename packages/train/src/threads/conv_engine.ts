/**
 * Convolution passes on an Executor: images split between the threads. Outputs are allocated in shared
 * memory and written in place by both threads; operands already in shared memory (the outputs of our
 * kernels) are read in place, others are copied into one growable scratch buffer. The filter gradient sums
 * two partials: this thread's in the output, the worker's in scratch.
 */
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, patchSize, type ConvGeometry } from '../compute/conv.js';
import { gemmImpl } from '../compute/gemm_select.js';
import type { ConvPass, Job } from './jobs.js';
import { worthSplitting, type Executor } from './executor.js';
import { outputPool } from './output_pool.js';
import { asShared, type SharedFloats } from './shared.js';

/** Below this many multiply-adds a second thread costs more than it saves. */
const MIN_PARALLEL_MACS = 4e6;

export interface ConvEngine {
  forward(x: Float32Array, w: Float32Array, g: ConvGeometry): Float32Array;
  backpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array;
  backpropInput(dy: Float32Array, w: Float32Array, g: ConvGeometry): Float32Array;
}

function outputLength(pass: ConvPass, g: ConvGeometry): number {
  if (pass === 'forward') return g.batch * g.outH * g.outW * g.outC;
  if (pass === 'filter') return patchSize(g) * g.outC;
  return g.batch * g.inH * g.inW * g.inC;
}

export function convEngine(executor: Executor): ConvEngine {
  let scratch = new SharedArrayBuffer(0);
  const ensure = (floats: number) => {
    if (scratch.byteLength < floats * 4) scratch = new SharedArrayBuffer(Math.ceil(floats * 1.25) * 4);
  };

  function run(pass: ConvPass, a: Float32Array, b: Float32Array, g: ConvGeometry): Float32Array {
    const outLen = outputLength(pass, g);
    const out = outputPool.take(outLen);
    const macs = g.batch * g.outH * g.outW * g.outC * patchSize(g);
    if (!worthSplitting(executor, g.batch, Infinity) || macs < MIN_PARALLEL_MACS) {
      if (pass === 'forward') conv2dForward(a, b, g, out);
      else if (pass === 'filter') conv2dBackpropFilter(a, b, g, out);
      else conv2dBackpropInput(a, b, g, out);
      return out;
    }
    const mine: SharedFloats = { buffer: out.buffer as SharedArrayBuffer, offset: 0, length: outLen };
    const partial = pass === 'filter';
    // Scratch: the operands not already shared, then the worker's filter-gradient partial.
    ensure((asShared(a) ? 0 : a.length) + (asShared(b) ? 0 : b.length) + (partial ? outLen : 0));
    let at = 0;
    const place = (v: Float32Array): SharedFloats => {
      const s = asShared(v);
      if (s) return s;
      new Float32Array(scratch, at * 4, v.length).set(v);
      const placed = { buffer: scratch, offset: at, length: v.length };
      at += v.length;
      return placed;
    };
    const job: Job = { kind: 'conv', pass, g, a: place(a), b: place(b), out: mine, gemm: gemmImpl() };
    const theirs: SharedFloats = partial ? { buffer: scratch, offset: at, length: outLen } : mine;
    executor.run(job, g.batch, { ...job, out: theirs });
    if (partial) {
      const p = new Float32Array(scratch, at * 4, outLen);
      for (let i = 0; i < outLen; i++) out[i] += p[i];
    }
    return out;
  }

  return {
    forward: (x, w, g) => run('forward', x, w, g),
    backpropFilter: (x, dy, g) => run('filter', x, dy, g),
    backpropInput: (dy, w, g) => run('input', dy, w, g),
  };
}
