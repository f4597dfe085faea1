/** MAX_POOL_2D, quantized (int8/uint8/int16): the largest in-bounds value of each window, then the clamp. */
import { BuiltinOp } from '../../core/ops.js';
import type { Pool2DOptions } from '../../core/options.js';
import { requireOptions } from '../common/options.js';
import type { PoolGeometry } from '../common/pool_geometry.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration } from '../kernel.js';
import { isQuantizedPoolNode, prepareQuantizedPool, type QArray } from './pool_params.js';

export function maxPool2dQuantized(input: QArray, output: QArray, g: PoolGeometry): void {
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
        for (let c = 0; c < C; c++, o++) {
          let acc = g.actMin; // TFLite starts from the lowest value of the type; the clamp's floor is equivalent
          for (let ky = kyStart; ky < kyEnd; ky++) {
            let i = ((b * inH + iy0 + ky) * inW + ix0 + kxStart) * C + c;
            for (let kx = kxStart; kx < kxEnd; kx++, i += C) if (input[i]! > acc) acc = input[i]!;
          }
          output[o] = acc > g.actMax ? g.actMax : acc;
        }
      }
    }
  }
}

export const MAX_POOL_2D_QUANTIZED_KERNEL: KernelRegistration<Pool2DOptions, PoolGeometry> = {
  op: BuiltinOp.MAX_POOL_2D,
  name: 'MAX_POOL_2D (int8/uint8/int16, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Pool2DOptions']),
  supports: isQuantizedPoolNode,
  prepare: prepareQuantizedPool,
  eval: (node, g) => maxPool2dQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, g),
};
