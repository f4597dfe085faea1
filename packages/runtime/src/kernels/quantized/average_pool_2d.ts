/**
 * AVERAGE_POOL_2D, quantized (TFLite reference_integer_ops::AveragePool): the integer sum of the in-bounds
 * taps divided by their count, rounding half away from zero, then clamped.
 */
import { forEachPoolWindow, type PoolGeometry } from '../common/pool_geometry.js';
import { quantizedPoolKernel, type QArray } from './pool_params.js';

export function averagePool2dQuantized(input: QArray, output: QArray, g: PoolGeometry): void {
  const { inW, channels: C } = g;
  forEachPoolWindow(g, ({ origin, out, kyStart, kyEnd, kxStart, kxEnd }) => {
    const count = (kyEnd - kyStart) * (kxEnd - kxStart);
    const half = count >> 1;
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let ky = kyStart; ky < kyEnd; ky++) {
        let i = origin + (ky * inW + kxStart) * C + c;
        for (let kx = kxStart; kx < kxEnd; kx++, i += C) acc += input[i]!;
      }
      if (count === 0) acc = 0;
      else acc = acc > 0 ? Math.trunc((acc + half) / count) : Math.trunc((acc - half) / count);
      output[out + c] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
    }
  });
}

export const AVERAGE_POOL_2D_QUANTIZED_KERNEL = quantizedPoolKernel('AVERAGE_POOL_2D', averagePool2dQuantized);
