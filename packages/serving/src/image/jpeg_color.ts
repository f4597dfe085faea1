/**
 * libjpeg's YCbCr -> RGB path, as Pillow (libjpeg-turbo, default settings) runs it: "fancy" triangle-filter
 * upsampling of subsampled chroma, then the integer colour conversion with 16-bit fixed-point tables.
 * jpeg-js would instead repeat chroma samples (nearest neighbour) and convert in floating point, which
 * differs from Pillow by up to ~20 levels at colour edges of 4:2:0 images.
 *
 * Input: the three planes at full size as jpeg-js returns them with colorTransform off, where each
 * subsampled chroma sample is repeated over its 2x1 or 2x2 block, so its native value can be read back.
 */

/** Chroma subsampling ratios we upsample like libjpeg: 1x1 (none), 2x1 (4:2:2), 2x2 (4:2:0). */
export type ChromaRatio = { rx: 1 | 2; ry: 1 | 2 };

const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const fix = (x: number): number => Math.trunc(x * (1 << SCALEBITS) + 0.5);

/** jdcolor.c's build_ycc_rgb_table, with x = sample - 128. */
function colorTables(): { crR: Int32Array; cbB: Int32Array; crG: Int32Array; cbG: Int32Array } {
  const crR = new Int32Array(256);
  const cbB = new Int32Array(256);
  const crG = new Int32Array(256);
  const cbG = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    const x = i - 128;
    crR[i] = (fix(1.402) * x + ONE_HALF) >> SCALEBITS;
    cbB[i] = (fix(1.772) * x + ONE_HALF) >> SCALEBITS;
    crG[i] = -fix(0.71414) * x;
    cbG[i] = -fix(0.34414) * x + ONE_HALF;
  }
  return { crR, cbB, crG, cbG };
}

let tables: ReturnType<typeof colorTables> | null = null;

const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Interleaved Y, Cb, Cr (full size, chroma repeated) to RGB the way libjpeg-turbo produces it. */
export function yccToRgbLikeLibjpeg(ycc: Uint8Array, width: number, height: number, ratio: ChromaRatio): Uint8Array {
  const { crR, cbB, crG, cbG } = (tables ??= colorTables());
  const cb = upsample(nativePlane(ycc, width, height, 1, ratio), ratio, width, height);
  const cr = upsample(nativePlane(ycc, width, height, 2, ratio), ratio, width, height);
  const rgb = new Uint8Array(width * height * 3);
  const pixels = width * height;
  for (let p = 0, q = 0; p < pixels; p++, q += 3) {
    const y = ycc[q];
    const b = cb[p];
    const r = cr[p];
    rgb[q] = clamp8(y + crR[r]);
    rgb[q + 1] = clamp8(y + ((cbG[b] + crG[r]) >> SCALEBITS));
    rgb[q + 2] = clamp8(y + cbB[b]);
  }
  return rgb;
}

interface Plane {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The chroma samples at their coded resolution (every rx-th column, ry-th row of the repeated plane). */
function nativePlane(ycc: Uint8Array, width: number, height: number, channel: number, { rx, ry }: ChromaRatio): Plane {
  const w = Math.ceil(width / rx);
  const h = Math.ceil(height / ry);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * ry * width;
    for (let x = 0; x < w; x++) data[y * w + x] = ycc[(row + x * rx) * 3 + channel];
  }
  return { width: w, height: h, data };
}

/**
 * libjpeg's "fancy" upsampling. Each output sample is 3/4 of its own chroma sample and 1/4 of the
 * neighbour on its side (edges replicated); 2x2 does this vertically into column sums, then horizontally.
 * Rounding biases alternate as in libjpeg: 1 and 2 for 2x1 (sum of 4), 8 and 7 for 2x2 (sum of 16).
 */
function upsample(plane: Plane, { rx, ry }: ChromaRatio, width: number, height: number): Uint8Array {
  if (rx === 1 && ry === 1) return plane.data;
  const { width: pw, height: ph, data } = plane;
  const out = new Uint8Array(width * height);
  const sums = new Int32Array(pw);
  const shift = ry === 2 ? 4 : 2;
  for (let oy = 0; oy < height; oy++) {
    const y = oy >> (ry - 1);
    const row = y * pw;
    if (ry === 2) {
      const other = Math.min(Math.max(oy & 1 ? y + 1 : y - 1, 0), ph - 1) * pw;
      for (let x = 0; x < pw; x++) sums[x] = 3 * data[row + x] + data[other + x];
    } else {
      for (let x = 0; x < pw; x++) sums[x] = data[row + x];
    }
    const o = oy * width;
    for (let ox = 0; ox < width; ox++) {
      const x = ox >> 1;
      const odd = ox & 1;
      const nx = odd ? (x + 1 < pw ? x + 1 : x) : x > 0 ? x - 1 : 0;
      const bias = ry === 2 ? 8 - odd : 1 + odd;
      out[o + ox] = (3 * sums[x] + sums[nx] + bias) >> shift;
    }
  }
  return out;
}
