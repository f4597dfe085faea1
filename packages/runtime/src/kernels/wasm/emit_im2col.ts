/**
 * Emits the im2col functions: for output rows oy0..oy0+count-1, each output pixel becomes one row of
 * fH·fW·inC values (OHWI filter order, so a row times a packed filter column is the convolution), with zeros
 * (float) or zero-point-corrected zeros (int8) where the window hangs over the padding.
 *
 * `im2col_f32` copies whole window rows with memory.copy when dilationW is 1 (one call per window row, not
 * per tap). `im2col_i8`/`im2col_u8` widen int8/uint8 to int16 while subtracting the input zero point (so the GEMM needs no
 * zero-point term) and pads each row to an even length for the pairwise i16 dot product.
 */
import type { Code, Local } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';

// input, inH, inW, inC, outW, fH, fW, sH, sW, dH, dW, padT, padL, oy0, count, dst
const GEOMETRY_PARAMS = Array.from({ length: 16 }, () => 'i32' as const);

interface Geo {
  input: Local; inH: Local; inW: Local; inC: Local; outW: Local; fH: Local; fW: Local; sH: Local; sW: Local;
  dH: Local; dW: Local; padT: Local; padL: Local; oy0: Local; count: Local; dst: Local;
}

function geometry(c: Code): Geo {
  const P = (i: number) => c.param(i);
  return {
    input: P(0), inH: P(1), inW: P(2), inC: P(3), outW: P(4), fH: P(5), fW: P(6), sH: P(7), sW: P(8),
    dH: P(9), dW: P(10), padT: P(11), padL: P(12), oy0: P(13), count: P(14), dst: P(15),
  };
}

/** Walks output pixels and window rows; `row(iy, ix0)` writes one window row at `dst` (iy in bounds). */
function windowRows(c: Code, g: Geo, rowBytes: Local, row: (iy: Local, ix0: Local) => void, rowEnd?: () => void): void {
  const oy = c.local('i32');
  const ox = c.local('i32');
  const ky = c.local('i32');
  const iy = c.local('i32');
  const ix0 = c.local('i32');
  c.forRange(oy, () => c.localGet(g.oy0), () => c.localGet(g.oy0).localGet(g.count).i32Add(), 1, () => {
    c.forRange(ox, () => c.i32Const(0), () => c.localGet(g.outW), 1, () => {
      c.localGet(ox).localGet(g.sW).i32Mul().localGet(g.padL).i32Sub().localSet(ix0);
      c.forRange(ky, () => c.i32Const(0), () => c.localGet(g.fH), 1, () => {
        c.localGet(oy).localGet(g.sH).i32Mul().localGet(g.padT).i32Sub();
        c.localGet(ky).localGet(g.dH).i32Mul().i32Add().localTee(iy);
        c.localGet(g.inH).i32LtU();
        c.if(() => row(iy, ix0), () => {
          c.localGet(g.dst).i32Const(0).localGet(rowBytes).memoryFill();
        });
        c.localGet(g.dst).localGet(rowBytes).i32Add().localSet(g.dst);
      });
      rowEnd?.();
    });
  });
}

/** Clamps local `v` into [0, hi] (hi pushed by `hi`). */
function clampZero(c: Code, v: Local, hi: () => void): void {
  c.localGet(v).i32Const(0).i32LtS().if(() => c.i32Const(0).localSet(v));
  c.localGet(v); hi(); c.i32GtS().if(() => { hi(); c.localSet(v); });
}

export const IM2COL_F32: FunctionDef = {
  name: 'im2col_f32',
  params: GEOMETRY_PARAMS,
  emit: (c) => {
    const g = geometry(c);
    const tap = c.local('i32');
    const rowBytes = c.local('i32');
    const left = c.local('i32');
    const right = c.local('i32');
    const kx = c.local('i32');
    const ix = c.local('i32');
    c.localGet(g.inC).i32Const(2).i32Shl().localSet(tap);
    c.localGet(tap).localGet(g.fW).i32Mul().localSet(rowBytes);
    const srcOf = (iy: Local, x: () => void) => {
      // input + ((iy * inW + x) * inC) * 4
      c.localGet(g.input).localGet(iy).localGet(g.inW).i32Mul(); x(); c.i32Add().localGet(tap).i32Mul().i32Add();
    };
    windowRows(c, g, rowBytes, (iy, ix0) => {
      c.localGet(g.dW).i32Const(1).i32Eq();
      c.if(() => {
        // One contiguous run: `left` taps before the image, `right` after it.
        c.i32Const(0).localGet(ix0).i32Sub().localSet(left);
        clampZero(c, left, () => c.localGet(g.fW));
        c.localGet(ix0).localGet(g.fW).i32Add().localGet(g.inW).i32Sub().localSet(right);
        clampZero(c, right, () => c.localGet(g.fW).localGet(left).i32Sub());
        c.localGet(g.dst).i32Const(0).localGet(left).localGet(tap).i32Mul().memoryFill();
        c.localGet(g.dst).localGet(left).localGet(tap).i32Mul().i32Add();
        srcOf(iy, () => c.localGet(ix0).localGet(left).i32Add());
        c.localGet(g.fW).localGet(left).i32Sub().localGet(right).i32Sub().localGet(tap).i32Mul().memoryCopy();
        c.localGet(g.dst).localGet(g.fW).localGet(right).i32Sub().localGet(tap).i32Mul().i32Add();
        c.i32Const(0).localGet(right).localGet(tap).i32Mul().memoryFill();
      }, () => {
        c.forRange(kx, () => c.i32Const(0), () => c.localGet(g.fW), 1, () => {
          c.localGet(g.dst).localGet(kx).localGet(tap).i32Mul().i32Add().localSet(left);
          c.localGet(ix0).localGet(kx).localGet(g.dW).i32Mul().i32Add().localTee(ix).localGet(g.inW).i32LtU();
          c.if(() => { c.localGet(left); srcOf(iy, () => c.localGet(ix)); c.localGet(tap).memoryCopy(); },
            () => { c.localGet(left).i32Const(0).localGet(tap).memoryFill(); });
        });
      });
    });
  },
};

/**
 * int8 → int16 im2col. Extra params: input zero point offset (−zp) and the padded row length in bytes.
 * Channels are widened 8 at a time; the last group may write past the tap, which the next tap (or the row
 * padding, written after) overwrites — buffers carry 16 bytes of slack for the very last one.
 */
export const IM2COL_I8: FunctionDef = { name: 'im2col_i8', params: [...GEOMETRY_PARAMS, 'i32', 'i32'], emit: (c) => emitIm2col8(c, true) };
/** The same for uint8 inputs (legacy quantized models): zero-extended instead of sign-extended. */
export const IM2COL_U8: FunctionDef = { name: 'im2col_u8', params: [...GEOMETRY_PARAMS, 'i32', 'i32'], emit: (c) => emitIm2col8(c, false) };

function emitIm2col8(c: Code, signed: boolean): void {
  const g = geometry(c);
  const offset = c.param(16);
  const rowPadded = c.param(17);
  const voff = c.local('v128');
  const tapOut = c.local('i32');
  const rowBytes = c.local('i32');
  const padBytes = c.local('i32');
  const kx = c.local('i32');
  const ix = c.local('i32');
  const ch = c.local('i32');
  const src = c.local('i32');
  const out = c.local('i32');
  c.localGet(offset).i16x8Splat().localSet(voff);
  c.localGet(g.inC).i32Const(1).i32Shl().localSet(tapOut);
  c.localGet(tapOut).localGet(g.fW).i32Mul().localSet(rowBytes);
  c.localGet(rowPadded).localGet(rowBytes).localGet(g.fH).i32Mul().i32Sub().localSet(padBytes);
  const rowEnd = () => {
    c.localGet(g.dst).i32Const(0).localGet(padBytes).memoryFill();
    c.localGet(g.dst).localGet(padBytes).i32Add().localSet(g.dst);
  };
  windowRows(c, g, rowBytes, (iy, ix0) => {
    c.forRange(kx, () => c.i32Const(0), () => c.localGet(g.fW), 1, () => {
      c.localGet(g.dst).localGet(kx).localGet(tapOut).i32Mul().i32Add().localSet(out);
      c.localGet(ix0).localGet(kx).localGet(g.dW).i32Mul().i32Add().localTee(ix).localGet(g.inW).i32LtU();
      c.if(() => {
        c.localGet(g.input).localGet(iy).localGet(g.inW).i32Mul().localGet(ix).i32Add().localGet(g.inC).i32Mul().i32Add();
        c.localSet(src);
        c.forRange(ch, () => c.i32Const(0), () => c.localGet(g.inC), 8, () => {
          c.localGet(out).localGet(ch).i32Const(1).i32Shl().i32Add();
          c.localGet(src).localGet(ch).i32Add();
          if (signed) c.i16x8Load8x8S(); else c.i16x8Load8x8U();
          c.localGet(voff).i16x8Add().v128Store();
        });
      }, () => {
        c.localGet(out).i32Const(0).localGet(tapOut).memoryFill();
      });
    });
  }, rowEnd);
}
