/**
 * AVERAGE_POOL_2D, quantized (TFLite reference_integer_ops::AveragePool): the integer sum of the in-bounds
 * taps divided by their count, rounding half away from zero, then clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Pool2DOptions } from '../../core/options.js';
import { requireOptions } from '../common/options.js';
import type { PoolGeometry } from '../common/pool_geometry.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration } from '../kernel.js';
import { isQuantizedPoolNode, prepareQuantizedPool, type QArray } from './pool_params.js';

export function averagePool2dQuantized(input: QArray, output: QArray, g: PoolGeometry): void {
  const { inH, inW, channels: C, outH, outW } = g;
  let o = 0;
  for (let b = 0; b < g.batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * g.strideH - g.padTop;
      const kyStart = windowStart(iy0, 1);
      const kyEnd = windowEnd(iy0, 1, inH, g.filterH);
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * g.strideW - g.padLeft;
        const kxStart = windowStart(ix0, 1);
        const kxEnd = windowEnd(ix0, 1, inW, g.filterW);
        const count = (kyEnd - kyStart) * (kxEnd - kxStart);
        const half = count >> 1;
        for (let c = 0; c < C; c++, o++) {
          let acc = 0;
          for (let ky = kyStart; ky < kyEnd; ky++) {
            let i = ((b * inH + iy0 + ky) * inW + ix0 + kxStart) * C + c;
            for (let kx = kxStart; kx < kxEnd; kx++, i += C) acc += input[i]!;
          }
          if (count === 0) acc = 0;
          else acc = acc > 0 ? Math.trunc((acc + half) / count) : Math.trunc((acc - half) / count);
          output[o] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
        }
      }
    }
  }
}

export const AVERAGE_POOL_2D_QUANTIZED_KERNEL: KernelRegistration<Pool2DOptions, PoolGeometry> = {
  op: BuiltinOp.AVERAGE_POOL_2D,
  name: 'AVERAGE_POOL_2D (int8/uint8/int16, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Pool2DOptions']),
  supports: isQuantizedPoolNode,
  prepare: prepareQuantizedPool,
  eval: (node, g) => averagePool2dQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, g),
};
