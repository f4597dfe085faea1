/**
 * Float32 Add, Sub, Multiply, Relu and Step on the cpu backend. The stock kernels run every element through a
 * generic broadcasting loop (an index modulo and a closure call per element); in training they touch every
 * activation several times per batch (bias add, ReLU, its gradient dy·step(y), dropout masks). Fast paths:
 * equal shapes, a scalar operand, or a right operand that matches the left's trailing dimensions (a bias).
 * Anything else goes to the stock kernel.
 */
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { cpuBackend, floatValues, output, required, sharedFloats } from './cpu_tensors.js';

type BinaryOp = 'add' | 'sub' | 'mul';

/**
 * True when b broadcasts along a without changing a's shape and repeats every b.length elements: equal
 * shapes, a single value, or (after dropping b's leading 1s) b's shape equal to a's trailing dimensions.
 */
function tilesAlong(aShape: number[], bShape: number[], bLen: number): boolean {
  if (bLen === 0 || bShape.length > aShape.length) return false;
  let lead = 0;
  while (lead < bShape.length && bShape[lead] === 1) lead++;
  const inner = bShape.slice(lead);
  const tail = aShape.slice(aShape.length - inner.length);
  return tail.every((d, i) => d === inner[i]);
}

function apply(op: BinaryOp, a: Float32Array, b: Float32Array, out: Float32Array): void {
  const n = a.length, m = b.length;
  if (m === 1) {
    const s = b[0];
    if (op === 'add') for (let i = 0; i < n; i++) out[i] = a[i] + s;
    else if (op === 'sub') for (let i = 0; i < n; i++) out[i] = a[i] - s;
    else for (let i = 0; i < n; i++) out[i] = a[i] * s;
    return;
  }
  // b repeats every m elements (m === n for equal shapes).
  for (let o = 0; o < n; o += m) {
    if (op === 'add') for (let j = 0; j < m; j++) out[o + j] = a[o + j] + b[j];
    else if (op === 'sub') for (let j = 0; j < m; j++) out[o + j] = a[o + j] - b[j];
    else for (let j = 0; j < m; j++) out[o + j] = a[o + j] * b[j];
  }
}

function applyScalarLeft(op: BinaryOp, s: number, b: Float32Array, out: Float32Array): void {
  if (op === 'add') for (let i = 0; i < b.length; i++) out[i] = s + b[i];
  else if (op === 'sub') for (let i = 0; i < b.length; i++) out[i] = s - b[i];
  else for (let i = 0; i < b.length; i++) out[i] = s * b[i];
}

export function makeBinary(op: BinaryOp): (stock: KernelFunc) => KernelFunc {
  // Multiplication and addition commute, but only a scalar left operand is handled (below) to keep one loop.
  return (stock) => (args) => {
    const backend = cpuBackend(args);
    const a = required(args, 'a');
    const b = required(args, 'b');
    const av = floatValues(backend, a);
    const bv = floatValues(backend, b);
    if (!av || !bv) return stock(args);
    if (tilesAlong(a.shape, b.shape, bv.length)) {
      const out = sharedFloats(av.length);
      apply(op, av, bv, out);
      return output(backend, a.shape, out);
    }
    // A scalar on the left (e.g. 1 - x) is the only mirrored case worth a fast path.
    if (av.length === 1 && a.shape.length <= b.shape.length) {
      const out = sharedFloats(bv.length);
      applyScalarLeft(op, av[0], bv, out);
      return output(backend, b.shape, out);
    }
    return stock(args);
  };
}

export function makeRelu(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const x = required(args, 'x');
    const xv = floatValues(backend, x);
    if (!xv) return stock(args);
    const out = sharedFloats(xv.length);
    // `x < 0 ? 0 : x` keeps NaN as NaN, as the stock kernel does.
    for (let i = 0; i < xv.length; i++) out[i] = xv[i] < 0 ? 0 : xv[i];
    return output(backend, x.shape, out);
  };
}

export function makeStep(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const x = required(args, 'x');
    const xv = floatValues(backend, x);
    const alpha = args.attrs?.alpha ?? 0;
    if (!xv || typeof alpha !== 'number') return stock(args);
    const out = sharedFloats(xv.length);
    for (let i = 0; i < xv.length; i++) {
      const v = xv[i];
      out[i] = v > 0 ? 1 : v !== v ? NaN : alpha;
    }
    return output(backend, x.shape, out);
  };
}
