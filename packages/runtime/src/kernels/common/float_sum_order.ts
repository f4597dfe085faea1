/**
 * The order in which LiteRT's XNNPACK delegate sums float32 products in its GEMM kernels, which our float
 * reference kernels follow so that float models agree with LiteRT to the last bit (deep networks carry
 * last-bit differences to the conformance tolerance). Measured against LiteRT.js:
 * - the default kernels (8 output channels per tile) add products one after the other, bias first;
 * - for GEMMs whose output channel count is not a multiple of 8 (FULLY_CONNECTED, and 1×1 stride-1
 *   convolutions, which run as a GEMM), and for other convolutions with fewer than 8 output channels, XNNPACK
 *   picks kernels that keep four partial sums — product k goes to sum k mod 4 (k counting input channels
 *   within each tap), bias in the first — reduced as (s0 + s2) + (s1 + s3).
 */
const f = Math.fround;

/** Whether a GEMM (or, with `gemm` false, an indirect convolution GEMM) of `outChannels` uses four partial sums. */
export function usesFourPartialSums(outChannels: number, gemm: boolean): boolean {
  return gemm ? outChannels % 8 !== 0 : outChannels < 8;
}

/** Four float32 partial sums, bias in the first (reused between outputs: reset, add, total). */
export class PartialSums {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  reset(bias: number): void {
    this.s0 = bias;
    this.s1 = 0;
    this.s2 = 0;
    this.s3 = 0;
  }

  /** Adds `product` (already a float32) to sum `k & 3`. */
  add(k: number, product: number): void {
    switch (k & 3) {
      case 0: this.s0 = f(this.s0 + product); break;
      case 1: this.s1 = f(this.s1 + product); break;
      case 2: this.s2 = f(this.s2 + product); break;
      default: this.s3 = f(this.s3 + product);
    }
  }

  total(): number {
    return f(f(this.s0 + this.s2) + f(this.s1 + this.s3));
  }
}
