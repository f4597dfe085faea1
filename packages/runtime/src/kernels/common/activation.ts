/**
 * Fused activations as TFLite applies them to float outputs: a clamp to a range (RELU, RELU6, RELU_N1_TO_1)
 * or, for the rare TANH/SIGN_BIT fusions, a function.
 */
import { UnsupportedError } from '../../core/errors.js';
import type { FusedActivation } from '../../core/options.js';

export interface ActivationRange {
  min: number;
  max: number;
}

/** The clamp range of a fused activation; throws UnsupportedError for TANH/SIGN_BIT (not a clamp). */
export function floatActivationRange(act: FusedActivation): ActivationRange {
  switch (act) {
    case 'NONE':
      return { min: -Infinity, max: Infinity };
    case 'RELU':
      return { min: 0, max: Infinity };
    case 'RELU6':
      return { min: 0, max: 6 };
    case 'RELU_N1_TO_1':
      return { min: -1, max: 1 };
    default:
      throw new UnsupportedError(`fused activation ${act} is not supported on float outputs`);
  }
}

/** Clamps one value into [min, max] (min applied first, max second, matching TFLite's ActivationFunctionWithMinMax). */
export function clampActivation(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}

/** Clamps `data[start, end)` in place into [min, max]; a no-op for an unbounded range. Also used on int32. */
export function applyFloatActivation(
  data: Float32Array | Int32Array,
  min: number,
  max: number,
  start = 0,
  end = data.length,
): void {
  if (min === -Infinity && max === Infinity) return;
  for (let i = start; i < end; i++) {
    const x = data[i]!;
    data[i] = x < min ? min : x > max ? max : x;
  }
}

/** floatActivationRange for a node's fused activation; an unsupported one fails naming the node. */
export function nodeActivationRange(
  node: { readonly index: number; readonly opName: string },
  act: FusedActivation,
): ActivationRange {
  if (act === 'TANH' || act === 'SIGN_BIT') {
    throw new UnsupportedError(`node ${node.index} (${node.opName}): fused activation ${act} is not supported here`);
  }
  return floatActivationRange(act);
}
