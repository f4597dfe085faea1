/** MAX_POOL_2D (float32): the largest in-bounds value of each window (padding never wins). */
import { floatPoolKernel, forEachPoolWindow, type PoolGeometry } from '../common/pool_geometry.js';

/** Max pooling over NHWC; windows clipped to the input. */
export function maxPool2dFloat32(input: Float32Array, output: Float32Array, g: PoolGeometry): void {
  const { inW, channels: C } = g;
  forEachPoolWindow(g, ({ origin, out, kyStart, kyEnd, kxStart, kxEnd }) => {
    for (let c = 0; c < C; c++) {
      let acc = -Infinity;
      for (let ky = kyStart; ky < kyEnd; ky++) {
        let i = origin + (ky * inW + kxStart) * C + c;
        for (let kx = kxStart; kx < kxEnd; kx++, i += C) {
          const x = input[i]!;
          if (x > acc) acc = x;
        }
      }
      output[out + c] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
    }
  });
}

export const MAX_POOL_2D_KERNEL = floatPoolKernel('MAX_POOL_2D', maxPool2dFloat32);
