/**
 * Emits the byte-moving kernels: `transpose4_b1|b2|b4(src, dst, n0, n1, n2, n3, s0, s1, s2, s3)`: a 4-d strided gather of 1-, 2- or
 * 4-byte elements written to `dst` in order — TRANSPOSE (and any other strided copy) once its dimensions are
 * collapsed to four; strides are in bytes. Scalar loads and stores: the gather is memory-bound and its inner
 * stride is arbitrary.
 */
import type { Code, Local } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';

function emitTranspose(c: Code, bytes: 1 | 2 | 4): void {
  const [src, dst, n0, n1, n2, n3, s0, s1, s2, s3] = Array.from({ length: 10 }, (_, i) => c.param(i));
  const [i0, i1, i2, i3, p0, p1, p2, p3] = Array.from({ length: 8 }, () => c.local('i32'));
  c.forRange(i0, () => c.i32Const(0), () => c.localGet(n0), 1, () => {
    c.localGet(src).localGet(i0).localGet(s0).i32Mul().i32Add().localSet(p0);
    c.forRange(i1, () => c.i32Const(0), () => c.localGet(n1), 1, () => {
      c.localGet(p0).localGet(i1).localGet(s1).i32Mul().i32Add().localSet(p1);
      c.forRange(i2, () => c.i32Const(0), () => c.localGet(n2), 1, () => {
        c.localGet(p1).localGet(i2).localGet(s2).i32Mul().i32Add().localSet(p2);
        c.localGet(p2).localSet(p3);
        c.forRange(i3, () => c.i32Const(0), () => c.localGet(n3), 1, () => {
          c.localGet(dst).localGet(p3);
          if (bytes === 1) c.i32Load8U().i32Store8();
          else if (bytes === 2) c.i32Load16U().i32Store16();
          else c.i32Load().i32Store();
          c.localGet(dst).i32Const(bytes).i32Add().localSet(dst);
          c.localGet(p3).localGet(s3).i32Add().localSet(p3);
        });
      });
    });
  });
}

const PARAMS = Array.from({ length: 10 }, () => 'i32' as const);

export const TRANSPOSE_FUNCTIONS: readonly FunctionDef[] = ([1, 2, 4] as const).map((b) => ({
  name: `transpose4_b${b}`, params: PARAMS, emit: (c: Code) => emitTranspose(c, b),
}));

/**
 * `lut8(src, dst, n, table, flip)`: dst[i] = table[src[i] ^ flip] over bytes — a 256-entry table lookup
 * (lut8.ts); flip 0x80 maps int8 codes −128…127 to indices 0…255, 0 leaves uint8 codes as they are.
 */
export const LUT8: FunctionDef = {
  name: 'lut8',
  params: ['i32', 'i32', 'i32', 'i32', 'i32'],
  emit: (c) => {
    const [src, dst, n, table, flip] = [0, 1, 2, 3, 4].map((i) => c.param(i)) as [Local, Local, Local, Local, Local];
    const i = c.local('i32');
    c.forRange(i, () => c.i32Const(0), () => c.localGet(n), 1, () => {
      c.localGet(dst).localGet(i).i32Add();
      c.localGet(table).localGet(src).localGet(i).i32Add().i32Load8U().localGet(flip).i32Xor().i32Add().i32Load8U();
      c.i32Store8();
    });
  },
};
