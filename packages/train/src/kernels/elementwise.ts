/**
 * Float32 Add, Sub, Multiply, Relu and Step on the cpu backend. The stock kernels run every element through a
 * generic broadcasting loop (an index modulo and a closure call per element); in training they touch every
 * activation several times per batch (bias add, ReLU, dropout masks). Fast paths: equal shapes, a scalar
 * operand, or a right operand that matches the left's trailing dimensions (a bias); large ones are split
 * between the two threads. Anything else goes to the stock kernel.
 */
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { binaryRange, reluRange, stepRange, type BinaryOp } from '../compute/pointwise.js';
import { splitTargets, type Executor } from '../threads/executor.js';
import { outputPool } from '../threads/output_pool.js';
import { cpuBackend, floatValues, output, required } from './cpu_tensors.js';

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

function binary(e: Executor, op: BinaryOp, a: Float32Array, b: Float32Array): Float32Array {
  const out = outputPool.take(a.length);
  const s = splitTargets(e, a.length, a.length, a, b, out);
  if (s) e.run({ kind: 'binary', op, a: s[0], b: s[1], out: s[2] }, a.length);
  else binaryRange(op, a, b, out, 0, a.length);
  return out;
}

function applyScalarLeft(op: BinaryOp, s: number, b: Float32Array, out: Float32Array): void {
  if (op === 'add') for (let i = 0; i < b.length; i++) out[i] = s + b[i];
  else if (op === 'sub') for (let i = 0; i < b.length; i++) out[i] = s - b[i];
  else for (let i = 0; i < b.length; i++) out[i] = s * b[i];
}

export function makeBinary(op: BinaryOp): (stock: KernelFunc, e: Executor) => KernelFunc {
  return (stock, e) => (args) => {
    const backend = cpuBackend(args);
    const a = required(args, 'a');
    const b = required(args, 'b');
    const av = floatValues(backend, a);
    const bv = floatValues(backend, b);
    if (!av || !bv) return stock(args);
    if (tilesAlong(a.shape, b.shape, bv.length)) return output(backend, a.shape, binary(e, op, av, bv));
    // A scalar on the left (e.g. 1 - x) is the only mirrored case worth a fast path.
    if (av.length === 1 && a.shape.length <= b.shape.length) {
      const out = outputPool.take(bv.length);
      applyScalarLeft(op, av[0], bv, out);
      return output(backend, b.shape, out);
    }
    return stock(args);
  };
}

export function makeRelu(stock: KernelFunc, e: Executor): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const x = required(args, 'x');
    const xv = floatValues(backend, x);
    if (!xv) return stock(args);
    const out = outputPool.take(xv.length);
    const s = splitTargets(e, xv.length, xv.length, xv, out);
    if (s) e.run({ kind: 'relu', x: s[0], out: s[1] }, xv.length);
    else reluRange(xv, out, 0, xv.length);
    return output(backend, x.shape, out);
  };
}

export function makeStep(stock: KernelFunc, e: Executor): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const x = required(args, 'x');
    const xv = floatValues(backend, x);
    const alpha = args.attrs?.alpha ?? 0;
    if (!xv || typeof alpha !== 'number') return stock(args);
    const out = outputPool.take(xv.length);
    const s = splitTargets(e, xv.length, xv.length, xv, out);
    if (s) e.run({ kind: 'step', x: s[0], alpha, out: s[1] }, xv.length);
    else stepRange(xv, alpha, out, 0, xv.length);
    return output(backend, x.shape, out);
  };
}
