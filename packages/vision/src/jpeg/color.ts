/**
 * libjpeg's YCbCr -> RGB conversion (jdcolor.c): 16-bit fixed-point tables built once, red and blue from
 * one table each, green from two summed before the shift, results clamped to 0..255.
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

/** Full-size Y, Cb and Cr planes to interleaved RGB. */
export function yccToRgb(y: Uint8Array, cb: Uint8Array, cr: Uint8Array): Uint8Array {
  const { crR, cbB, crG, cbG } = (tables ??= buildTables());
  const rgb = new Uint8Array(y.length * 3);
  for (let p = 0, q = 0; p < y.length; p++, q += 3) {
    const l = y[p];
    const b = cb[p];
    const r = cr[p];
    rgb[q] = clamp8(l + crR[r]);
    rgb[q + 1] = clamp8(l + ((cbG[b] + crG[r]) >> SCALEBITS));
    rgb[q + 2] = clamp8(l + cbB[b]);
  }
  return rgb;
}

/** Three full-size planes interleaved unchanged (Adobe transform 0 or 'R','G','B' component ids). */
export function interleave(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length * 3);
  for (let p = 0, q = 0; p < a.length; p++, q += 3) {
    out[q] = a[p];
    out[q + 1] = b[p];
    out[q + 2] = c[p];
  }
  return out;
}

/**
 * libjpeg's YCCK -> CMYK (jdcolor.c ycck_cmyk_convert): Y, Cb, Cr converted as for RGB, each result
 * inverted (255 - v) and clamped; K passes through. Works in place on the first three planes.
 */
export function ycckToCmyk(y: Uint8Array, cb: Uint8Array, cr: Uint8Array): void {
  const { crR, cbB, crG, cbG } = (tables ??= buildTables());
  for (let p = 0; p < y.length; p++) {
    const l = y[p];
    const b = cb[p];
    const r = cr[p];
    y[p] = clamp8(255 - (l + crR[r]));
    cb[p] = clamp8(255 - (l + ((cbG[b] + crG[r]) >> SCALEBITS)));
    cr[p] = clamp8(255 - (l + cbB[b]));
  }
}

/**
 * What Pillow makes of libjpeg's CMYK output: it reads the samples inverted (raw mode "CMYK;I", Adobe's
 * convention) and converts to RGB as nk - nk * c / 255 with nk = 255 - k (Convert.c cmyk2rgb, MULDIV255).
 */
export function invertedCmykToRgb(c: Uint8Array, m: Uint8Array, y: Uint8Array, k: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(c.length * 3);
  const mulDiv255 = (a: number, b: number): number => {
    const t = a * b + 128;
    return ((t >> 8) + t) >> 8;
  };
  for (let p = 0, q = 0; p < c.length; p++, q += 3) {
    const nk = k[p]; // 255 - (255 - k)
    rgb[q] = clamp8(nk - mulDiv255(255 - c[p], nk));
    rgb[q + 1] = clamp8(nk - mulDiv255(255 - m[p], nk));
    rgb[q + 2] = clamp8(nk - mulDiv255(255 - y[p], nk));
  }
  return rgb;
}
