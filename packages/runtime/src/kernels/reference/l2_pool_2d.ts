/**
 * L2_POOL_2D (float32): sqrt of the mean of squares over each window; like AVERAGE_POOL_2D, the mean counts
 * only the in-bounds taps (TFLite's reference L2Pool), then the fused activation clamps.
 */
import { floatPoolKernel, forEachPoolWindow, type PoolGeometry } from '../common/pool_geometry.js';

export function l2Pool2dFloat32(input: Float32Array, output: Float32Array, g: PoolGeometry): void {
  const { inW, channels: C } = g;
  forEachPoolWindow(g, ({ origin, out, kyStart, kyEnd, kxStart, kxEnd }) => {
    const count = (kyEnd - kyStart) * (kxEnd - kxStart);
    for (let c = 0; c < C; c++) {
      let squares = 0;
      for (let ky = kyStart; ky < kyEnd; ky++) {
        let i = origin + (ky * inW + kxStart) * C + c;
        for (let kx = kxStart; kx < kxEnd; kx++, i += C) squares += input[i]! * input[i]!;
      }
      const v = Math.sqrt(squares / count);
      output[out + c] = v < g.actMin ? g.actMin : v > g.actMax ? g.actMax : v;
    }
  });
}

export const L2_POOL_2D_KERNEL = floatPoolKernel('L2_POOL_2D', l2Pool2dFloat32);
