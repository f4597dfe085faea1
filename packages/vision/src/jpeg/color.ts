/**
 * libjpeg's colour conversions (jdcolor.c) one row at a time: YCbCr -> RGB with 16-bit fixed-point tables
 * built once (red and blue from one table each, green from two summed before the shift, results clamped to
 * 0..255), YCCK -> CMYK, and what Pillow then makes of CMYK.
 */
const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const fix = (x: number): number => Math.trunc(x * (1 << SCALEBITS) + 0.5);

interface Tables {
  crR: Int32Array;
  cbB: Int32Array;
  crG: Int32Array;
  cbG: Int32Array;
}

/** build_ycc_rgb_table, with x = sample - 128. */
function buildTables(): Tables {
  const t: Tables = { crR: new Int32Array(256), cbB: new Int32Array(256), crG: new Int32Array(256), cbG: new Int32Array(256) };
  for (let i = 0; i < 256; i++) {
    const x = i - 128;
    t.crR[i] = (fix(1.402) * x + ONE_HALF) >> SCALEBITS;
    t.cbB[i] = (fix(1.772) * x + ONE_HALF) >> SCALEBITS;
    t.crG[i] = -fix(0.71414) * x;
    t.cbG[i] = -fix(0.34414) * x + ONE_HALF;
  }
  return t;
}

let tables: Tables | null = null;

const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/** One row of Y, Cb and Cr samples to interleaved RGB in `out` (3 per pixel). */
export function yccToRgbRow(y: Uint8Array, cb: Uint8Array, cr: Uint8Array, out: Uint8Array): void {
  tables ??= buildTables();
  const { crR, cbB, crG, cbG } = tables;
  for (let p = 0, q = 0; q < out.length; p++, q += 3) {
    const l = y[p];
    const b = cb[p];
    const r = cr[p];
    out[q] = clamp8(l + crR[r]);
    out[q + 1] = clamp8(l + ((cbG[b] + crG[r]) >> SCALEBITS));
    out[q + 2] = clamp8(l + cbB[b]);
  }
}

/** Three rows interleaved unchanged (Adobe transform 0 or 'R','G','B' component ids). */
export function interleaveRow(a: Uint8Array, b: Uint8Array, c: Uint8Array, out: Uint8Array): void {
  for (let p = 0, q = 0; q < out.length; p++, q += 3) {
    out[q] = a[p];
    out[q + 1] = b[p];
    out[q + 2] = c[p];
  }
}

/**
 * Four rows of CMYK or YCCK samples to the RGB Pillow's convert('RGB') makes of them. YCCK first becomes
 * CMYK as in libjpeg's ycck_cmyk_convert (Y, Cb, Cr converted as for RGB, inverted as 255 - v and clamped;
 * K passes through). Pillow reads libjpeg's CMYK inverted (raw mode "CMYK;I", Adobe's convention) and
 * converts as nk - nk * c / 255 with nk = 255 - k (Convert.c cmyk2rgb, MULDIV255).
 */
export function cmykToRgbRow(a: Uint8Array, b: Uint8Array, c: Uint8Array, k: Uint8Array, ycck: boolean, out: Uint8Array): void {
  tables ??= buildTables();
  const { crR, cbB, crG, cbG } = tables;
  for (let p = 0, q = 0; q < out.length; p++, q += 3) {
    let c0 = a[p];
    let c1 = b[p];
    let c2 = c[p];
    if (ycck) {
      const l = c0;
      c0 = clamp8(255 - (l + crR[c2]));
      c1 = clamp8(255 - (l + ((cbG[b[p]] + crG[c2]) >> SCALEBITS)));
      c2 = clamp8(255 - (l + cbB[b[p]]));
    }
    const nk = k[p]; // 255 - (255 - k)
    out[q] = clamp8(nk - mulDiv255(255 - c0, nk));
    out[q + 1] = clamp8(nk - mulDiv255(255 - c1, nk));
    out[q + 2] = clamp8(nk - mulDiv255(255 - c2, nk));
  }
}

function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}
