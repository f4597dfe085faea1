/** AVERAGE_POOL_2D (float32): the mean of each window; like TFLite, the divisor counts only in-bounds elements. */
import { floatPoolKernel, forEachPoolWindow, type PoolGeometry } from '../common/pool_geometry.js';

/** Average pooling over NHWC; each window divided by its in-bounds tap count. */
export function averagePool2dFloat32(input: Float32Array, output: Float32Array, g: PoolGeometry): void {
  const { inW, channels: C } = g;
  forEachPoolWindow(g, ({ origin, out, kyStart, kyEnd, kxStart, kxEnd }) => {
    // TFLite divides by the taps that read real input, not by the full window size.
    const count = (kyEnd - kyStart) * (kxEnd - kxStart);
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let ky = kyStart; ky < kyEnd; ky++) {
        let i = origin + (ky * inW + kxStart) * C + c;
        for (let kx = kxStart; kx < kxEnd; kx++, i += C) acc += input[i]!;
      }
      acc /= count;
      output[out + c] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
    }
  });
}

export const AVERAGE_POOL_2D_KERNEL = floatPoolKernel('AVERAGE_POOL_2D', averagePool2dFloat32);
