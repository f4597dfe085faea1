/**
 * GELU (float32): x·Φ(x). The exact form is ½·x·erfc(−x/√2); with `approximate`, TFLite's tanh form
 * ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). JavaScript has no erf, so erfc comes from a Chebyshev-fitted
 * formula with relative error below 1.2e-7 everywhere (Numerical Recipes' erfcc), well inside float32 needs.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, GeluOptions } from '../../core/options.js';
import { optionsOrDefault } from '../common/options.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** Complementary error function. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

export const geluExact = (x: number): number => 0.5 * x * erfc(-x * Math.SQRT1_2);

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
export const geluTanh = (x: number): number => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));

export const GELU_KERNEL: KernelRegistration<GeluOptions, null> = {
  op: BuiltinOp.GELU,
  name: 'GELU (float32, reference)',
  parseOptions: (raw: BuiltinOptions | null) => optionsOrDefault(raw, ['GeluOptions'], { kind: 'GeluOptions', approximate: false }),
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval(node) {
    const input = node.inputs[0]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
    const f = node.options.approximate ? geluTanh : geluExact;
    for (let i = 0; i < input.length; i++) out[i] = f(input[i]!);
  },
};
