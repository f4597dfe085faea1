/**
 * libjpeg's "islow" inverse DCT (jidctint.c, the default JDCT_ISLOW that Pillow decodes with): the
 * Loeffler-Ligtenberg-Moschytz algorithm in 13-bit fixed point, columns first with 2 extra bits of
 * precision kept between the passes, outputs descaled with rounding and wrapped through libjpeg's
 * range-limit table. Reproducing its every rounding step is what makes our samples equal Pillow's.
 */
const CONST_BITS = 13;
const PASS1_BITS = 2;

// FIX(x) = round(x * 2^13)
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

const PASS1_SHIFT = CONST_BITS - PASS1_BITS;
const PASS1_ROUND = 1 << (PASS1_SHIFT - 1);
const PASS2_SHIFT = CONST_BITS + PASS1_BITS + 3;
const PASS2_ROUND = 1 << (PASS2_SHIFT - 1);
const DC_SHIFT = PASS1_BITS + 3;
const DC_ROUND = 1 << (DC_SHIFT - 1);

/**
 * jdmaster.c's range-limit table as the IDCT indexes it: (value & 1023) + 128. Values in -128..127 map to
 * 0..255 (level shift), larger ones saturate to 255 and smaller to 0; wildly out-of-range values wrap as
 * they do in libjpeg.
 */
const RANGE_LIMIT = (() => {
  const t = new Uint8Array(1024 + 128);
  for (let i = 0; i < 256; i++) t[i] = i;
  for (let i = 256; i < 640; i++) t[i] = 255;
  // 640..1023 stay 0; 1024..1151 repeat 0..127 (the negative values -128..-1).
  for (let i = 0; i < 128; i++) t[1024 + i] = i;
  return t;
})();

const workspace = new Int32Array(64);

/** Dequantizes and inverse-transforms the block at `coefs[offset]`, writing 8x8 samples to `out` at `outAt` with `stride`. */
export function idctIslow(coefs: Int16Array, offset: number, quant: Uint16Array, out: Uint8Array, outAt: number, stride: number): void {
  const ws = workspace;
  for (let c = 0; c < 8; c++) columnPass(coefs, offset + c, quant, c, ws);
  for (let r = 0; r < 8; r++) rowPass(ws, r * 8, out, outAt + r * stride);
}

function columnPass(coefs: Int16Array, at: number, q: Uint16Array, c: number, ws: Int32Array): void {
  const c1 = coefs[at + 8], c2 = coefs[at + 16], c3 = coefs[at + 24], c4 = coefs[at + 32];
  const c5 = coefs[at + 40], c6 = coefs[at + 48], c7 = coefs[at + 56];
  if ((c1 | c2 | c3 | c4 | c5 | c6 | c7) === 0) {
    // All AC terms zero: the column is constant.
    const dc = (coefs[at] * q[c]) << PASS1_BITS;
    for (let r = 0; r < 64; r += 8) ws[c + r] = dc;
    return;
  }
  // Even part.
  let z2 = c2 * q[c + 16];
  let z3 = c6 * q[c + 48];
  let z1 = (z2 + z3) * FIX_0_541196100;
  let tmp2 = z1 - z3 * FIX_1_847759065;
  let tmp3 = z1 + z2 * FIX_0_765366865;
  z2 = coefs[at] * q[c];
  z3 = c4 * q[c + 32];
  let tmp0 = (z2 + z3) << CONST_BITS;
  let tmp1 = (z2 - z3) << CONST_BITS;
  const tmp10 = tmp0 + tmp3;
  const tmp13 = tmp0 - tmp3;
  const tmp11 = tmp1 + tmp2;
  const tmp12 = tmp1 - tmp2;
  // Odd part.
  tmp0 = c7 * q[c + 56];
  tmp1 = c5 * q[c + 40];
  tmp2 = c3 * q[c + 24];
  tmp3 = c1 * q[c + 8];
  z1 = tmp0 + tmp3;
  z2 = tmp1 + tmp2;
  z3 = tmp0 + tmp2;
  let z4 = tmp1 + tmp3;
  const z5 = (z3 + z4) * FIX_1_175875602;
  tmp0 *= FIX_0_298631336;
  tmp1 *= FIX_2_053119869;
  tmp2 *= FIX_3_072711026;
  tmp3 *= FIX_1_501321110;
  z1 *= -FIX_0_899976223;
  z2 *= -FIX_2_562915447;
  z3 = z3 * -FIX_1_961570560 + z5;
  z4 = z4 * -FIX_0_390180644 + z5;
  tmp0 += z1 + z3;
  tmp1 += z2 + z4;
  tmp2 += z2 + z3;
  tmp3 += z1 + z4;
  ws[c] = (tmp10 + tmp3 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 56] = (tmp10 - tmp3 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 8] = (tmp11 + tmp2 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 48] = (tmp11 - tmp2 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 16] = (tmp12 + tmp1 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 40] = (tmp12 - tmp1 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 24] = (tmp13 + tmp0 + PASS1_ROUND) >> PASS1_SHIFT;
  ws[c + 32] = (tmp13 - tmp0 + PASS1_ROUND) >> PASS1_SHIFT;
}

function rowPass(ws: Int32Array, w: number, out: Uint8Array, o: number): void {
  const w1 = ws[w + 1], w2 = ws[w + 2], w3 = ws[w + 3], w4 = ws[w + 4], w5 = ws[w + 5], w6 = ws[w + 6], w7 = ws[w + 7];
  if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) === 0) {
    const v = RANGE_LIMIT[(((ws[w] + DC_ROUND) >> DC_SHIFT) & 1023) + 128];
    for (let i = 0; i < 8; i++) out[o + i] = v;
    return;
  }
  // Even part.
  let z1 = (w2 + w6) * FIX_0_541196100;
  let tmp2 = z1 - w6 * FIX_1_847759065;
  let tmp3 = z1 + w2 * FIX_0_765366865;
  let tmp0 = (ws[w] + w4) << CONST_BITS;
  let tmp1 = (ws[w] - w4) << CONST_BITS;
  const tmp10 = tmp0 + tmp3;
  const tmp13 = tmp0 - tmp3;
  const tmp11 = tmp1 + tmp2;
  const tmp12 = tmp1 - tmp2;
  // Odd part.
  tmp0 = w7;
  tmp1 = w5;
  tmp2 = w3;
  tmp3 = w1;
  z1 = tmp0 + tmp3;
  let z2 = tmp1 + tmp2;
  let z3 = tmp0 + tmp2;
  let z4 = tmp1 + tmp3;
  const z5 = (z3 + z4) * FIX_1_175875602;
  tmp0 *= FIX_0_298631336;
  tmp1 *= FIX_2_053119869;
  tmp2 *= FIX_3_072711026;
  tmp3 *= FIX_1_501321110;
  z1 *= -FIX_0_899976223;
  z2 *= -FIX_2_562915447;
  z3 = z3 * -FIX_1_961570560 + z5;
  z4 = z4 * -FIX_0_390180644 + z5;
  tmp0 += z1 + z3;
  tmp1 += z2 + z4;
  tmp2 += z2 + z3;
  tmp3 += z1 + z4;
  out[o] = RANGE_LIMIT[(((tmp10 + tmp3 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 7] = RANGE_LIMIT[(((tmp10 - tmp3 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 1] = RANGE_LIMIT[(((tmp11 + tmp2 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 6] = RANGE_LIMIT[(((tmp11 - tmp2 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 2] = RANGE_LIMIT[(((tmp12 + tmp1 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 5] = RANGE_LIMIT[(((tmp12 - tmp1 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 3] = RANGE_LIMIT[(((tmp13 + tmp0 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
  out[o + 4] = RANGE_LIMIT[(((tmp13 - tmp0 + PASS2_ROUND) >> PASS2_SHIFT) & 1023) + 128];
}
