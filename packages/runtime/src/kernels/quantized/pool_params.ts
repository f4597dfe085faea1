/** Shared by the quantized pools: geometry from pool_geometry.ts plus the clamp in the quantized domain. */
import { BuiltinOp } from '../../core/ops.js';
import type { Pool2DOptions } from '../../core/options.js';
import { requireOutput, unsupported } from '../common/node_checks.js';
import { parsePool2DOptions, preparePool, type PoolGeometry, type PoolOpName } from '../common/pool_geometry.js';
import { quantizedActivationRange, requireScale, tensorZeroPoint, type QArray, type QuantizedDType } from '../common/quantization.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { unaryOf } from './elementwise.js';
import { xnnpackActivationRange, xnnpackTakesMaxPool } from './xnnpack_delegation.js';

export type { QArray };

/** int8, uint8 or int16 in, the same dtype out. */
export const isQuantizedPoolNode: (node: NodeSignature) => boolean = unaryOf(['int8', 'uint8', 'int16']);

/**
 * Pool geometry whose actMin/actMax are quantized values of the output: as LiteRT's XNNPACK delegate
 * quantizes them for the 8-bit MAX_POOL_2D nodes it takes, as TFLite's builtin kernels do otherwise
 * (AVERAGE_POOL_2D is never delegated when quantized).
 */
export function prepareQuantizedPool(node: NodeContext<Pool2DOptions>, op: PoolOpName): PoolGeometry {
  const g = preparePool(node);
  const input = node.inputs[0]!;
  const output = requireOutput(node, 0);
  const scale = requireScale(node, output);
  if (Math.abs(scale - requireScale(node, input)) > 1e-6 * scale || tensorZeroPoint(input) !== tensorZeroPoint(output)) {
    throw unsupported(node, 'quantized pooling needs the same scale and zero point on input and output');
  }
  const act = op === 'MAX_POOL_2D' && xnnpackTakesMaxPool(node)
    ? xnnpackActivationRange(node.options.fusedActivation, output.dtype as 'int8' | 'uint8', scale, tensorZeroPoint(output))
    : quantizedActivationRange(node.options.fusedActivation, output.dtype as QuantizedDType, scale, tensorZeroPoint(output));
  return { ...g, actMin: act.min, actMax: act.max };
}

/** A quantized pool registration named '<op> (int8/uint8/int16, reference)' running `fn` on the raw integers. */
export function quantizedPoolKernel(
  op: PoolOpName,
  fn: (input: QArray, output: QArray, g: PoolGeometry) => void,
): KernelRegistration<Pool2DOptions, PoolGeometry> {
  return {
    op: BuiltinOp[op],
    name: `${op} (int8/uint8/int16, reference)`,
    parseOptions: parsePool2DOptions,
    supports: isQuantizedPoolNode,
    prepare: (node) => prepareQuantizedPool(node, op),
    eval: (node, g) => fn(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, g),
  };
}
