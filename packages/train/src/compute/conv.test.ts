import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, type ConvGeometry } from './conv.js';
import { setGemmImpl, type GemmImpl } from './gemm_select.js';
import { wasmGemmAvailable } from './sgemm_wasm.js';
import { seededRandom } from '../autokeras/hyperparameters.js';

function geometry(p: { batch: number; inH: number; inW: number; inC: number; outC: number; k: number; stride: number; dilation: number; same: boolean }): ConvGeometry {
  const eff = (p.k - 1) * p.dilation + 1;
  const outH = p.same ? Math.ceil(p.inH / p.stride) : Math.floor((p.inH - eff) / p.stride) + 1;
  const outW = p.same ? Math.ceil(p.inW / p.stride) : Math.floor((p.inW - eff) / p.stride) + 1;
  const padH = p.same ? Math.max(0, (outH - 1) * p.stride + eff - p.inH) : 0;
  const padW = p.same ? Math.max(0, (outW - 1) * p.stride + eff - p.inW) : 0;
  return { batch: p.batch, inH: p.inH, inW: p.inW, inC: p.inC, outH, outW, outC: p.outC, kh: p.k, kw: p.k, strideH: p.stride, strideW: p.stride, dilationH: p.dilation, dilationW: p.dilation, padTop: Math.floor(padH / 2), padLeft: Math.floor(padW / 2) };
}

/** Direct convolution: every output as a sum over the window, padding read as zero. */
function direct(x: Float32Array, w: Float32Array, g: ConvGeometry): Float64Array {
  const y = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  for (let n = 0; n < g.batch; n++) for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) for (let o = 0; o < g.outC; o++) {
    let s = 0;
    for (let ky = 0; ky < g.kh; ky++) for (let kx = 0; kx < g.kw; kx++) {
      const iy = oy * g.strideH - g.padTop + ky * g.dilationH, ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
      if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) continue;
      for (let c = 0; c < g.inC; c++) s += x[((n * g.inH + iy) * g.inW + ix) * g.inC + c] * w[((ky * g.kw + kx) * g.inC + c) * g.outC + o];
    }
    y[((n * g.outH + oy) * g.outW + ox) * g.outC + o] = s;
  }
  return y;
}

const rand = seededRandom(3);
const random = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
const CASES = [
  { batch: 2, inH: 7, inW: 6, inC: 3, outC: 5, k: 3, stride: 1, dilation: 1, same: false },
  { batch: 3, inH: 9, inW: 9, inC: 2, outC: 3, k: 3, stride: 2, dilation: 1, same: true },
  { batch: 1, inH: 8, inW: 7, inC: 4, outC: 6, k: 2, stride: 1, dilation: 2, same: true },
  { batch: 2, inH: 5, inW: 5, inC: 6, outC: 7, k: 1, stride: 1, dilation: 1, same: false },
  // Stride 1 without dilation: the wasm input gradient runs as a transposed convolution.
  { batch: 3, inH: 6, inW: 9, inC: 5, outC: 9, k: 3, stride: 1, dilation: 1, same: true },
  { batch: 2, inH: 8, inW: 7, inC: 3, outC: 4, k: 2, stride: 1, dilation: 1, same: true },
  { batch: 2, inH: 9, inW: 10, inC: 7, outC: 3, k: 5, stride: 1, dilation: 1, same: false },
  // Wide images: the wasm filter gradient runs in many bands of output rows (one row per band here).
  { batch: 2, inH: 6, inW: 150, inC: 2, outC: 16, k: 3, stride: 1, dilation: 1, same: true },
];
// Every case runs on both GEMMs; the TypeScript one is the reference the wasm paths are checked against.
const IMPLS: GemmImpl[] = wasmGemmAvailable() ? ['ts', 'wasm'] : ['ts'];

test('conv2dForward equals direct convolution (valid/same, stride, dilation, 1x1), on each GEMM', () => {
  for (const impl of IMPLS) for (const c of CASES) {
    setGemmImpl(impl);
    const g = geometry(c);
    const x = random(g.batch * g.inH * g.inW * g.inC), w = random(g.kh * g.kw * g.inC * g.outC);
    const y = new Float32Array(g.batch * g.outH * g.outW * g.outC);
    conv2dForward(x, w, g, y);
    const want = direct(x, w, g);
    want.forEach((v, i) => { assert.ok(Math.abs(v - y[i]) < 1e-4, `${impl} ${JSON.stringify(c)}`); });
  }
});

test('conv gradients satisfy <dy, conv(x,w)> = <dW, w> = <dX, x> (adjoint identities), on each GEMM', () => {
  for (const impl of IMPLS) for (const c of CASES) {
    setGemmImpl(impl);
    const g = geometry(c);
    const x = random(g.batch * g.inH * g.inW * g.inC), w = random(g.kh * g.kw * g.inC * g.outC);
    const dy = random(g.batch * g.outH * g.outW * g.outC);
    const y = direct(x, w, g);
    const dw = new Float32Array(w.length), dx = new Float32Array(x.length);
    conv2dBackpropFilter(x, dy, g, dw);
    conv2dBackpropInput(dy, w, g, dx);
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
    const ref = dot(dy, y);
    assert.ok(Math.abs(dot(dw, w) - ref) < 1e-3 * (1 + Math.abs(ref)), `${impl} filter grad ${JSON.stringify(c)}`);
    assert.ok(Math.abs(dot(dx, x) - ref) < 1e-3 * (1 + Math.abs(ref)), `${impl} input grad ${JSON.stringify(c)}`);
  }
});

test('the wasm convolution passes equal the TypeScript ones element by element', { skip: !wasmGemmAvailable() && 'no WebAssembly SIMD' }, () => {
  for (const c of CASES) {
    const g = geometry(c);
    const x = random(g.batch * g.inH * g.inW * g.inC), w = random(g.kh * g.kw * g.inC * g.outC);
    const dy = random(g.batch * g.outH * g.outW * g.outC);
    const run = (impl: GemmImpl) => {
      setGemmImpl(impl);
      const y = new Float32Array(dy.length), dw = new Float32Array(w.length), dx = new Float32Array(x.length);
      conv2dForward(x, w, g, y);
      conv2dBackpropFilter(x, dy, g, dw);
      conv2dBackpropInput(dy, w, g, dx);
      return [y, dw, dx];
    };
    const ts = run('ts'), wasm = run('wasm');
    ts.forEach((ref, k) => { ref.forEach((v, i) => { assert.ok(Math.abs(v - wasm[k][i]) <= 1e-4 * (1 + Math.abs(v)), `${JSON.stringify(c)} output ${k}[${i}]`); }); });
  }
  setGemmImpl('wasm');
});
