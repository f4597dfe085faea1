/** MAX_POOL_2D, quantized (int8/uint8/int16): the largest in-bounds value of each window, then the clamp. */
import { forEachPoolWindow, type PoolGeometry } from '../common/pool_geometry.js';
import { quantizedPoolKernel, type QArray } from './pool_params.js';

export function maxPool2dQuantized(input: QArray, output: QArray, g: PoolGeometry): void {
  const { inW, channels: C } = g;
  forEachPoolWindow(g, ({ origin, out, kyStart, kyEnd, kxStart, kxEnd }) => {
    for (let c = 0; c < C; c++) {
      let acc = g.actMin; // TFLite starts from the lowest value of the type; the clamp's floor is equivalent
      for (let ky = kyStart; ky < kyEnd; ky++) {
        let i = origin + (ky * inW + kxStart) * C + c;
        for (let kx = kxStart; kx < kxEnd; kx++, i += C) if (input[i]! > acc) acc = input[i]!;
      }
      output[out + c] = acc > g.actMax ? g.actMax : acc;
    }
  });
}

export const MAX_POOL_2D_QUANTIZED_KERNEL = quantizedPoolKernel('MAX_POOL_2D', maxPool2dQuantized);
