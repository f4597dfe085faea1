/** BatchMatMul and _FusedMatMul on the cpu backend through the blocked GEMM (strided views, no transposes). */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { activeSgemm as sgemm } from '../compute/gemm_select.js';
import type { MatView } from '../compute/sgemm.js';
import { biasActivation, isFusable } from './activation.js';
import { cpuBackend, floatValues, output, required, type KernelArgs } from './cpu_tensors.js';

interface Product {
  y: Float32Array;
  shape: number[];
  n: number;
}

function view(data: Float32Array, offset: number, cols: number, transpose: boolean): MatView {
  // A stored [rows × cols] matrix read as its transpose when asked.
  return transpose ? { data, offset, rowStride: 1, colStride: cols } : { data, offset, rowStride: cols, colStride: 1 };
}

function multiply(args: KernelArgs, a: TensorInfo, b: TensorInfo): Product | null {
  const backend = cpuBackend(args);
  const av = floatValues(backend, a);
  const bv = floatValues(backend, b);
  if (!av || !bv || a.shape.length < 2 || b.shape.length < 2) return null;
  const ta = args.attrs?.transposeA === true;
  const tb = args.attrs?.transposeB === true;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const m = ta ? ac : ar, k = ta ? ar : ac, n = tb ? br : bc;
  if ((tb ? bc : br) !== k) return null;
  const batchA = av.length / (ar * ac), batchB = bv.length / (br * bc);
  // Only plain batching (equal batches, or one side shared) — anything fancier goes to the stock kernel.
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return null;
  if (a.shape.length !== b.shape.length && batchA !== 1 && batchB !== 1) return null;
  const batch = Math.max(batchA, batchB);
  const y = new Float32Array(batch * m * n);
  for (let i = 0; i < batch; i++) {
    const A = view(av, (batchA === 1 ? 0 : i) * ar * ac, ac, ta);
    const B = view(bv, (batchB === 1 ? 0 : i) * br * bc, bc, tb);
    sgemm(m, n, k, A, B, y, i * m * n, n, false);
  }
  const outer = (batchA >= batchB ? a : b).shape.slice(0, -2);
  return { y, shape: [...outer, m, n], n };
}

export function makeBatchMatMul(stock: KernelFunc): KernelFunc {
  return (args) => {
    const r = multiply(args, required(args, 'a'), required(args, 'b'));
    return r ? output(cpuBackend(args), r.shape, r.y) : stock(args);
  };
}

export function makeFusedMatMul(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { bias, preluActivationWeights } = args.inputs;
    const act = args.attrs?.activation;
    if (preluActivationWeights || !isFusable(act)) return stock(args);
    const backend = cpuBackend(args);
    const bv = bias ? floatValues(backend, bias) : null;
    if (bias && !bv) return stock(args);
    const r = multiply(args, required(args, 'a'), required(args, 'b'));
    if (!r || (bv && bv.length !== 1 && bv.length !== r.n)) return stock(args);
    const alpha = args.attrs?.leakyreluAlpha;
    biasActivation(r.y, r.n, bv, act, typeof alpha === 'number' ? alpha : 0.2);
    return output(backend, r.shape, r.y);
  };
}
