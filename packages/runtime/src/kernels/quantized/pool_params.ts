/** Shared by the quantized pools: geometry from pool_geometry.ts plus the clamp in the quantized domain. */
import type { Pool2DOptions } from '../../core/options.js';
import { requireOutput, unsupported } from '../common/node_checks.js';
import { preparePool, type PoolGeometry } from '../common/pool_geometry.js';
import { quantizedActivationRange, requireScale, tensorZeroPoint, type QuantizedDType } from '../common/quantization.js';
import type { NodeContext, NodeSignature } from '../kernel.js';

export type QArray = Int8Array | Uint8Array | Int16Array;

export function isQuantizedPoolNode(node: NodeSignature): boolean {
  const i = node.inputs[0]?.dtype;
  return (i === 'int8' || i === 'uint8' || i === 'int16') && node.outputs[0]?.dtype === i;
}

/** Pool geometry whose actMin/actMax are quantized values of the output. */
export function prepareQuantizedPool(node: NodeContext<Pool2DOptions>): PoolGeometry {
  const g = preparePool(node);
  const input = node.inputs[0]!;
  const output = requireOutput(node, 0);
  const scale = requireScale(node, output);
  if (Math.abs(scale - requireScale(node, input)) > 1e-6 * scale || tensorZeroPoint(input) !== tensorZeroPoint(output)) {
    throw unsupported(node, 'quantized pooling needs the same scale and zero point on input and output');
  }
  const act = quantizedActivationRange(node.options.fusedActivation, output.dtype as QuantizedDType, scale, tensorZeroPoint(output));
  return { ...g, actMin: act.min, actMax: act.max };
}
