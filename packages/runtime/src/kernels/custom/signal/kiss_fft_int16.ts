/**
 * KISS FFT in 16-bit fixed point (FIXED_POINT=16), the real FFT TFLite Micro's SignalRfft runs for int16:
 * Q15 twiddles floor(0.5 + 32767·cos/sin), products rounded with sround(x) = (x + 2^14) >> 15, every stage
 * scaled down by its radix (C_FIXDIV: × 32767/radix, rounded), int16 sums wrapping as C stores them. The
 * real transform packs N real samples as N/2 complex ones (kiss_fftr). Radix-4 and radix-2 stages are
 * implemented, so N must be a power of two (KISS FFT's generic radices are not ported).
 */
import { UnsupportedError } from '../../../core/errors.js';

const SAMP_MAX = 32767;
const PI = Math.PI;

const i16 = (x: number): number => (x << 16) >> 16;
/** sround(smul(a, b)): a Q15 product rounded back to int16. */
const mulRound = (a: number, b: number): number => i16((Math.imul(a, b) + 16384) >> 15);
/** sround(a·b − c·d) and sround(a·b + c·d) with 32-bit wrap, as C_MUL computes them. */
const cmulRe = (ar: number, ai: number, br: number, bi: number): number => i16(((Math.imul(ar, br) - Math.imul(ai, bi)) + 16384 | 0) >> 15);
const cmulIm = (ar: number, ai: number, br: number, bi: number): number => i16(((Math.imul(ar, bi) + Math.imul(ai, br)) + 16384 | 0) >> 15);

function twiddle(phase: number): [number, number] {
  return [Math.floor(0.5 + SAMP_MAX * Math.cos(phase)), Math.floor(0.5 + SAMP_MAX * Math.sin(phase))];
}

/** KISS FFT's factorisation: powers of 4 first, then 2 (other radices are refused). */
function factors(n: number): number[] {
  const out: number[] = [];
  let p = 4;
  while (n > 1) {
    while (n % p !== 0) {
      if (p === 4) p = 2;
      else throw new UnsupportedError(`fixed-point FFT of a length with factor ${n} (only powers of two are supported)`);
    }
    n /= p;
    out.push(p, n);
  }
  return out;
}

export class KissFftr16 {
  private readonly n: number;
  private readonly tw: Int16Array;
  private readonly superTw: Int16Array;
  private readonly factors: number[];
  private readonly buf: Int16Array;

  /** A real FFT of `fftLength` (even) samples. */
  constructor(fftLength: number) {
    if (fftLength < 2 || fftLength % 2 !== 0) throw new UnsupportedError(`real FFT length ${fftLength} must be even`);
    const n = fftLength / 2;
    this.n = n;
    this.tw = new Int16Array(2 * n);
    for (let i = 0; i < n; i++) this.tw.set(twiddle((-2 * PI * i) / n), 2 * i);
    this.superTw = new Int16Array(n);
    for (let i = 0; i < n / 2; i++) this.superTw.set(twiddle(-PI * ((i + 1) / n + 0.5)), 2 * i);
    this.factors = n > 1 ? factors(n) : [];
    this.buf = new Int16Array(2 * n);
  }

  /** `time` (int16, fftLength samples) → `freq` (int16 pairs, fftLength/2 + 1 bins). */
  forward(time: Int16Array, freq: Int16Array): void {
    const n = this.n, t = this.buf;
    this.work(t, 0, time, 0, 1, 0);
    const halve = (x: number) => mulRound(x, Math.trunc(SAMP_MAX / 2));
    const dcR = halve(t[0]!), dcI = halve(t[1]!);
    freq[0] = dcR + dcI;
    freq[2 * n] = dcR - dcI;
    freq[1] = 0;
    freq[2 * n + 1] = 0;
    for (let k = 1; k <= n / 2; k++) {
      const pkR = halve(t[2 * k]!), pkI = halve(t[2 * k + 1]!);
      const nkR = halve(t[2 * (n - k)]!), nkI = halve(i16(-t[2 * (n - k) + 1]!));
      const f1R = i16(pkR + nkR), f1I = i16(pkI + nkI);
      const f2R = i16(pkR - nkR), f2I = i16(pkI - nkI);
      const sr = this.superTw[2 * (k - 1)]!, si = this.superTw[2 * (k - 1) + 1]!;
      const twR = cmulRe(f2R, f2I, sr, si), twI = cmulIm(f2R, f2I, sr, si);
      freq[2 * k] = (f1R + twR) >> 1;
      freq[2 * k + 1] = (f1I + twI) >> 1;
      freq[2 * (n - k)] = (f1R - twR) >> 1;
      freq[2 * (n - k) + 1] = (twI - f1I) >> 1;
    }
  }

  /** kf_work: decimation in time, recursing over the radix stages. */
  private work(out: Int16Array, at: number, input: Int16Array, from: number, stride: number, level: number): void {
    if (this.n === 1) {
      out[at] = input[from]!;
      out[at + 1] = input[from + 1]!;
      return;
    }
    const p = this.factors[level]!, m = this.factors[level + 1]!;
    if (m === 1) {
      for (let k = 0; k < p; k++) {
        out[at + 2 * k] = input[from + 2 * k * stride]!;
        out[at + 2 * k + 1] = input[from + 2 * k * stride + 1]!;
      }
    } else {
      for (let k = 0; k < p; k++) this.work(out, at + 2 * k * m, input, from + 2 * k * stride, stride * p, level + 2);
    }
    if (p === 4) this.butterfly4(out, at, stride, m);
    else this.butterfly2(out, at, stride, m);
  }

  private butterfly2(f: Int16Array, at: number, stride: number, m: number): void {
    const div = Math.trunc(SAMP_MAX / 2);
    for (let k = 0; k < m; k++) {
      const a = at + 2 * k, b = a + 2 * m;
      f[a] = mulRound(f[a]!, div);
      f[a + 1] = mulRound(f[a + 1]!, div);
      f[b] = mulRound(f[b]!, div);
      f[b + 1] = mulRound(f[b + 1]!, div);
      const wr = this.tw[2 * k * stride]!, wi = this.tw[2 * k * stride + 1]!;
      const tr = cmulRe(f[b]!, f[b + 1]!, wr, wi), ti = cmulIm(f[b]!, f[b + 1]!, wr, wi);
      f[b] = f[a]! - tr;
      f[b + 1] = f[a + 1]! - ti;
      f[a] = f[a]! + tr;
      f[a + 1] = f[a + 1]! + ti;
    }
  }

  private butterfly4(f: Int16Array, at: number, stride: number, m: number): void {
    const div = Math.trunc(SAMP_MAX / 4);
    for (let k = 0; k < m; k++) {
      const i0 = at + 2 * k, i1 = i0 + 2 * m, i2 = i0 + 4 * m, i3 = i0 + 6 * m;
      for (const i of [i0, i1, i2, i3]) {
        f[i] = mulRound(f[i]!, div);
        f[i + 1] = mulRound(f[i + 1]!, div);
      }
      const w1 = 2 * k * stride, w2 = 4 * k * stride, w3 = 6 * k * stride;
      const s0r = cmulRe(f[i1]!, f[i1 + 1]!, this.tw[w1]!, this.tw[w1 + 1]!), s0i = cmulIm(f[i1]!, f[i1 + 1]!, this.tw[w1]!, this.tw[w1 + 1]!);
      const s1r = cmulRe(f[i2]!, f[i2 + 1]!, this.tw[w2]!, this.tw[w2 + 1]!), s1i = cmulIm(f[i2]!, f[i2 + 1]!, this.tw[w2]!, this.tw[w2 + 1]!);
      const s2r = cmulRe(f[i3]!, f[i3 + 1]!, this.tw[w3]!, this.tw[w3 + 1]!), s2i = cmulIm(f[i3]!, f[i3 + 1]!, this.tw[w3]!, this.tw[w3 + 1]!);
      const s5r = i16(f[i0]! - s1r), s5i = i16(f[i0 + 1]! - s1i);
      f[i0] = f[i0]! + s1r;
      f[i0 + 1] = f[i0 + 1]! + s1i;
      const s3r = i16(s0r + s2r), s3i = i16(s0i + s2i);
      const s4r = i16(s0r - s2r), s4i = i16(s0i - s2i);
      f[i2] = f[i0]! - s3r;
      f[i2 + 1] = f[i0 + 1]! - s3i;
      f[i0] = f[i0]! + s3r;
      f[i0 + 1] = f[i0 + 1]! + s3i;
      f[i1] = s5r + s4i;
      f[i1 + 1] = s5i - s4r;
      f[i3] = s5r - s4i;
      f[i3 + 1] = s5i + s4r;
    }
  }
}
