/**
 * Splits convolution work over two threads: the caller's and one worker. TF.js kernels are synchronous, so
 * the main thread computes its half and then blocks on Atomics.wait until the worker's half is done. Outputs
 * are allocated in shared memory and written in place by both threads; operands already in shared memory
 * (the outputs of our kernels) are read in place, others are copied into one growable SharedArrayBuffer.
 */
import { Worker } from 'node:worker_threads';
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, patchSize, type ConvGeometry } from './conv.js';
import { runConvJob, type ConvJob, type ConvJobKind, type SharedFloats } from './conv_jobs.js';
import { sharedFloats } from '../kernels/cpu_tensors.js';
import { gemmImpl } from './gemm_select.js';

/** Below this many multiply-adds a second thread costs more than it saves. */
const MIN_PARALLEL_MACS = 4e6;

export interface ConvEngine {
  forward(x: Float32Array, w: Float32Array, g: ConvGeometry): Float32Array;
  backpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array;
  backpropInput(dy: Float32Array, w: Float32Array, g: ConvGeometry): Float32Array;
  close(): Promise<void>;
}

function outputLength(kind: ConvJobKind, g: ConvGeometry): number {
  if (kind === 'forward') return g.batch * g.outH * g.outW * g.outC;
  if (kind === 'filter') return patchSize(g) * g.outC;
  return g.batch * g.inH * g.inW * g.inC;
}

/** Single-threaded engine: the plain functions, allocating each output. */
export const SERIAL_ENGINE: ConvEngine = {
  forward(x, w, g) {
    const y = sharedFloats(outputLength('forward', g));
    conv2dForward(x, w, g, y);
    return y;
  },
  backpropFilter(x, dy, g) {
    const dw = sharedFloats(outputLength('filter', g));
    conv2dBackpropFilter(x, dy, g, dw);
    return dw;
  },
  backpropInput(dy, w, g) {
    const dx = sharedFloats(outputLength('input', g));
    conv2dBackpropInput(dy, w, g, dx);
    return dx;
  },
  close: async () => {},
};

/**
 * The worker. From the compiled package it is conv_worker.js; when running from source under tsx, workers do
 * not inherit tsx's loader, so a two-line bootstrap registers it before importing conv_worker.ts.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./conv_worker.js', import.meta.url));
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./conv_worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

export class ConvThreads implements ConvEngine {
  private buffer = new SharedArrayBuffer(0);
  private readonly control = new SharedArrayBuffer(4);
  private readonly flag = new Int32Array(this.control);

  private constructor(private readonly worker: Worker) {
    worker.unref();
  }

  static create(): ConvThreads {
    return new ConvThreads(startWorker());
  }

  forward(x: Float32Array, w: Float32Array, g: ConvGeometry): Float32Array {
    return this.run('forward', x, w, g);
  }
  backpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
    return this.run('filter', x, dy, g);
  }
  backpropInput(dy: Float32Array, w: Float32Array, g: ConvGeometry): Float32Array {
    return this.run('input', dy, w, g);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private floats(count: number): void {
    if (this.buffer.byteLength < count * 4) this.buffer = new SharedArrayBuffer(Math.ceil(count * 1.25) * 4);
  }

  private run(kind: ConvJobKind, a: Float32Array, b: Float32Array, g: ConvGeometry): Float32Array {
    const outLen = outputLength(kind, g);
    const macs = g.batch * g.outH * g.outW * g.outC * patchSize(g);
    if (g.batch < 2 || macs < MIN_PARALLEL_MACS) return kind === 'forward' ? SERIAL_ENGINE.forward(a, b, g) : kind === 'filter' ? SERIAL_ENGINE.backpropFilter(a, b, g) : SERIAL_ENGINE.backpropInput(a, b, g);
    const inShared = (v: Float32Array) => v.buffer instanceof SharedArrayBuffer;
    // Scratch: the operands not already shared, then the worker's partial of a filter gradient.
    this.floats((inShared(a) ? 0 : a.length) + (inShared(b) ? 0 : b.length) + (kind === 'filter' ? outLen : 0));
    let at = 0;
    const place = (v: Float32Array): SharedFloats => {
      if (v.buffer instanceof SharedArrayBuffer) return { buffer: v.buffer, offset: v.byteOffset / 4, length: v.length };
      new Float32Array(this.buffer, at * 4, v.length).set(v);
      const s = { buffer: this.buffer, offset: at, length: v.length };
      at += v.length;
      return s;
    };
    const sa = place(a), sb = place(b);
    const out = sharedFloats(outLen);
    const mine: SharedFloats = { buffer: out.buffer as SharedArrayBuffer, offset: 0, length: outLen };
    const theirs: SharedFloats = kind === 'filter' ? { buffer: this.buffer, offset: at, length: outLen } : mine;
    const half = Math.floor(g.batch / 2);
    const base = { kind, g, a: sa, b: sb, gemm: gemmImpl() } as const;
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ job: { ...base, n0: half, n1: g.batch, out: theirs } satisfies ConvJob, control: this.control });
    runConvJob({ ...base, n0: 0, n1: half, out: mine });
    while (Atomics.load(this.flag, 0) === 0) Atomics.wait(this.flag, 0, 0, 1000);
    if (Atomics.load(this.flag, 0) === 2) throw new Error(`conv worker failed on a ${kind} job`);
    if (kind === 'filter') {
      const partial = new Float32Array(this.buffer, at * 4, outLen);
      for (let i = 0; i < outLen; i++) out[i] += partial[i];
    }
    return out;
  }
}
