
import type { FunctionDef } from './emitter/module_writer.js';

export const ROWS_INIT_F32: FunctionDef = {
  name: 'rows_init_f32',
  params: ['i32', 'i32', 'i32', 'i32'],
  emit: (c) => {
    const [out, pixels, C, bias] = [0, 1, 2, 3].map((i) => c.param(i));
    const p = c.local('i32');
    const rowBytes = c.local('i32');
    c.localGet(C!).i32Const(2).i32Shl().localSet(rowBytes);
    c.localGet(bias!).i32Eqz();
    c.if(() => {
      c.localGet(out!).i32Const(0).localGet(pixels!).localGet(rowBytes).i32Mul().memoryFill();
    }, () => {
      c.forRange(p, () => c.i32Const(0), () => c.localGet(pixels!), 1, () => {
        c.localGet(out!).localGet(p).localGet(rowBytes).i32Mul().i32Add().localGet(bias!).localGet(rowBytes).memoryCopy();
      });
    });
  },
};

export const COL2IM_ADD_F32: FunctionDef = {
  name: 'col2im_add_f32',
  params: Array.from({ length: 14 }, () => 'i32' as const),
  emit: (c) => {
    const [col, rows, inW, iy0, outH, outW, C, fH, fW, sH, sW, padT, padL, out] = Array.from({ length: 14 }, (_, i) => c.param(i));
    const [r, ix, ky, kx, oy, ox, src, dst, ch, vecEnd] = Array.from({ length: 10 }, () => c.local('i32'));
    // The channel count rounded down to whole vectors.
    c.localGet(C).i32Const(-4).i32And().localSet(vecEnd);
    c.forRange(r, () => c.i32Const(0), () => c.localGet(rows), 1, () => {
      c.forRange(ix, () => c.i32Const(0), () => c.localGet(inW), 1, () => {
        c.forRange(ky, () => c.i32Const(0), () => c.localGet(fH), 1, () => {
          c.localGet(iy0).localGet(r).i32Add().localGet(sH).i32Mul().localGet(padT).i32Sub().localGet(ky).i32Add().localTee(oy);
          c.localGet(outH).i32LtU().if(() => {
            c.forRange(kx, () => c.i32Const(0), () => c.localGet(fW), 1, () => {
              c.localGet(ix).localGet(sW).i32Mul().localGet(padL).i32Sub().localGet(kx).i32Add().localTee(ox);
              c.localGet(outW).i32LtU().if(() => {
                // src = col + ((r·inW + ix)·fH·fW + ky·fW + kx)·C·4; dst = out + (oy·outW + ox)·C·4
                c.localGet(col).localGet(r).localGet(inW).i32Mul().localGet(ix).i32Add().localGet(fH).i32Mul().localGet(fW).i32Mul();
                c.localGet(ky).localGet(fW).i32Mul().i32Add().localGet(kx).i32Add().localGet(C).i32Mul().i32Const(2).i32Shl().i32Add().localSet(src);
                c.localGet(out).localGet(oy).localGet(outW).i32Mul().localGet(ox).i32Add().localGet(C).i32Mul().i32Const(2).i32Shl().i32Add().localSet(dst);
                c.forRange(ch, () => c.i32Const(0), () => c.localGet(vecEnd), 4, () => {
                  c.localGet(dst).localGet(ch).i32Const(2).i32Shl().i32Add();
                  c.localGet(dst).localGet(ch).i32Const(2).i32Shl().i32Add().v128Load();
                  c.localGet(src).localGet(ch).i32Const(2).i32Shl().i32Add().v128Load();
                  c.f32x4Add().v128Store();
                });
                c.forRange(ch, () => c.localGet(vecEnd), () => c.localGet(C), 1, () => {
                  c.localGet(dst).localGet(ch).i32Const(2).i32Shl().i32Add();
                  c.localGet(dst).localGet(ch).i32Const(2).i32Shl().i32Add().f32Load();
                  c.localGet(src).localGet(ch).i32Const(2).i32Shl().i32Add().f32Load();
                  c.f32Add().f32Store();
                });
              });
            });
          });
        });
      });
    });
  },
};
