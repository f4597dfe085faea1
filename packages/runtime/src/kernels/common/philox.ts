/**
 * The Philox4x32-10 counter-based generator exactly as TensorFlow's tsl::random::PhiloxRandom (key from seed,
 * counter words 2–3 from seed2; ten rounds; four uint32 per call, then the 128-bit counter steps by one),
 * with the conversions TFLite's random ops use: Uint32ToFloat, Uint64ToDouble and BoxMullerFloat.
 */
const W32A = 0x9e3779b9;
const W32B = 0xbb67ae85;
const M4x32A = 0xd2511f53;
const M4x32B = 0xcd9e8d57;

/** High and low 32 bits of a 32×32-bit product. */
function mulHiLo(a: number, b: number): [number, number] {
  const product = BigInt(a) * BigInt(b);
  return [Number(product >> 32n), Number(product & 0xffffffffn)];
}

export class Philox {
  private readonly counter = new Uint32Array(4);
  private readonly key = new Uint32Array(2);

  /** seed and seed2 as TFLite's RandomOptions hold them (signed 64-bit; only their bits matter). */
  constructor(seed: bigint, seed2: bigint) {
    const lo = BigInt.asUintN(64, seed), hi = BigInt.asUintN(64, seed2);
    this.key[0] = Number(lo & 0xffffffffn);
    this.key[1] = Number(lo >> 32n);
    this.counter[2] = Number(hi & 0xffffffffn);
    this.counter[3] = Number(hi >> 32n);
  }

  /** The next four uint32 values. */
  next(): Uint32Array {
    const c = Uint32Array.from(this.counter);
    const k = Uint32Array.from(this.key);
    for (let round = 0; round < 10; round++) {
      const [hi0, lo0] = mulHiLo(M4x32A, c[0]!);
      const [hi1, lo1] = mulHiLo(M4x32B, c[2]!);
      const r0 = hi1 ^ c[1]! ^ k[0]!, r2 = hi0 ^ c[3]! ^ k[1]!;
      c[0] = r0;
      c[1] = lo1;
      c[2] = r2;
      c[3] = lo0;
      if (round < 9) {
        k[0] = k[0]! + W32A;
        k[1] = k[1]! + W32B;
      }
    }
    this.skip(1n);
    return c;
  }

  /** Advances the 128-bit counter by `count` (carrying as PhiloxRandom::Skip does). */
  skip(count: bigint): void {
    const lo = Number(count & 0xffffffffn);
    let hi = Number((count >> 32n) & 0xffffffffn);
    this.counter[0] = this.counter[0]! + lo;
    if (this.counter[0]! < lo) hi = (hi + 1) >>> 0;
    this.counter[1] = this.counter[1]! + hi;
    if (this.counter[1]! < hi) {
      this.counter[2] = this.counter[2]! + 1;
      if (this.counter[2] === 0) this.counter[3] = this.counter[3]! + 1;
    }
  }

  /** An independent copy at the same position. */
  copy(): Philox {
    const p = new Philox(0n, 0n);
    p.counter.set(this.counter);
    p.key.set(this.key);
    return p;
  }
}

const scratch = new DataView(new ArrayBuffer(8));

/** A float in [0, 1) from the low 23 bits: 1.mantissa − 1. */
export function uint32ToFloat(x: number): number {
  scratch.setUint32(0, (127 << 23) | (x & 0x7fffff), true);
  return Math.fround(scratch.getFloat32(0, true) - 1);
}

/** A double in [0, 1) from 52 bits (20 from x0, 32 from x1). */
export function uint64ToDouble(x0: number, x1: number): number {
  scratch.setUint32(4, (1023 << 20) | (x0 & 0xfffff), true);
  scratch.setUint32(0, x1, true);
  return scratch.getFloat64(0, true) - 1;
}

/** Two standard normal floats from two uint32 (Box–Muller, float arithmetic as TensorFlow's). */
export function boxMullerFloat(x0: number, x1: number): [number, number] {
  const f = Math.fround;
  let u1 = uint32ToFloat(x0);
  if (u1 < f(1e-7)) u1 = f(1e-7);
  const v1 = f(2 * Math.PI * uint32ToFloat(x1));
  const u2 = f(Math.sqrt(f(-2 * f(Math.log(u1)))));
  return [f(f(Math.sin(v1)) * u2), f(f(Math.cos(v1)) * u2)];
}
