/**
 * L2_POOL_2D (float32): sqrt of the mean of squares over each window; like AVERAGE_POOL_2D, the mean counts
 * only the in-bounds taps (TFLite's reference L2Pool), then the fused activation clamps.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Pool2DOptions } from '../../core/options.js';
import { expectDType, inputIs } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { preparePool, type PoolGeometry } from '../common/pool_geometry.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration } from '../kernel.js';

export function l2Pool2dFloat32(input: Float32Array, output: Float32Array, g: PoolGeometry): void {
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
        for (let c = 0; c < C; c++, o++) {
          let squares = 0;
          for (let ky = kyStart; ky < kyEnd; ky++) {
            let i = ((b * inH + iy0 + ky) * inW + ix0 + kxStart) * C + c;
            for (let kx = kxStart; kx < kxEnd; kx++, i += C) squares += input[i]! * input[i]!;
          }
          const v = Math.sqrt(squares / count);
          output[o] = v < g.actMin ? g.actMin : v > g.actMax ? g.actMax : v;
        }
      }
    }
  }
}

export const L2_POOL_2D_KERNEL: KernelRegistration<Pool2DOptions, PoolGeometry> = {
  op: BuiltinOp.L2_POOL_2D,
  name: 'L2_POOL_2D (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Pool2DOptions']),
  supports: (node) => inputIs(node, 0, 'float32'),
  prepare(node) {
    expectDType(node, node.inputs[0]!, ['float32'], 'input');
    expectDType(node, node.outputs[0]!, ['float32'], 'output');
    return preparePool(node);
  },
  eval: (node, g) => l2Pool2dFloat32(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, g),
};
