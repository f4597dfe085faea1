/**
 * GFLOP/s of the TypeScript and WebAssembly GEMMs on the per-image GEMMs of the AutoKeras CNN's training step
 * (28×28×1 → conv 32 3×3 → conv 64 3×3 → pool → dense 10), measured alternately in one process. The filter
 * gradients take patchesᵀ already row-major (conv.ts builds it transposed); Aᵀ/Bᵀ mark strided views.
 */
import { rowMajor, sgemm, transposed, type MatView } from '../src/compute/sgemm.js';
import { sgemmWasm } from '../src/compute/sgemm_wasm.js';

interface Shape { name: string; m: number; n: number; k: number; ta: boolean; tb: boolean }
const SHAPES: Shape[] = [
  { name: 'conv1 forward', m: 676, n: 32, k: 9, ta: false, tb: false },
  { name: 'conv2 forward', m: 576, n: 64, k: 288, ta: false, tb: false },
  { name: 'conv2 filter grad', m: 288, n: 64, k: 576, ta: false, tb: false },
  { name: 'conv2 input grad', m: 576, n: 288, k: 64, ta: false, tb: true },
  { name: 'conv1 filter grad', m: 9, n: 32, k: 676, ta: false, tb: false },
  { name: 'dense forward', m: 128, n: 10, k: 9216, ta: false, tb: false },
  { name: 'dense weight grad', m: 9216, n: 10, k: 128, ta: true, tb: false },
];

function operand(rows: number, cols: number, t: boolean): MatView {
  const data = Float32Array.from({ length: rows * cols }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  return t ? transposed(rowMajor(data, rows)) : rowMajor(data, cols);
}

for (const s of SHAPES) {
  const a = operand(s.m, s.k, s.ta), b = operand(s.k, s.n, s.tb);
  const c = new Float32Array(s.m * s.n);
  const flops = 2 * s.m * s.n * s.k;
  const reps = Math.max(3, Math.ceil(2e9 / flops / 4));
  const best = { ts: Infinity, wasm: Infinity };
  for (let round = 0; round < 4; round++) {
    for (const [impl, f] of [['ts', sgemm], ['wasm', sgemmWasm]] as const) {
      const t0 = performance.now();
      for (let r = 0; r < reps; r++) f(s.m, s.n, s.k, a, b, c, 0, s.n, false);
      best[impl] = Math.min(best[impl], (performance.now() - t0) / reps);
    }
  }
  const gf = (ms: number) => (flops / ms / 1e6).toFixed(2);
  console.log(`${s.name.padEnd(18)} ${s.m}x${s.n}x${s.k}${s.ta ? ' Aᵀ' : ''}${s.tb ? ' Bᵀ' : ''}: ts ${gf(best.ts)} GFLOP/s, wasm ${gf(best.wasm)} GFLOP/s (×${(best.ts / best.wasm).toFixed(2)})`);
}
