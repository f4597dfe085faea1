/**
 * Shape logic shared by the float, hybrid and quantized FULLY_CONNECTED kernels: the input read as rows of
 * the weights' depth, and the output [batches, units] (or the input's leading axes with keep_num_dims).
 */
import type { FullyConnectedOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import type { NodeContext } from '../kernel.js';
import { expectRank, requireInput, requireOutput, shapeError, unsupported } from './node_checks.js';

/** The options a FULLY_CONNECTED node without an options table behaves as. */
export const FULLY_CONNECTED_DEFAULTS: FullyConnectedOptions = {
  kind: 'FullyConnectedOptions',
  fusedActivation: 'NONE',
  weightsFormat: 'DEFAULT',
  keepNumDims: false,
  asymmetricQuantizeInputs: false,
};

export interface FullyConnectedShape {
  batches: number;
  depth: number;
  units: number;
}

/** Batch/depth/units from input and [units, depth] weights; sets the output shape (keep_num_dims aware). */
export function fullyConnectedShape(node: NodeContext<FullyConnectedOptions>): FullyConnectedShape {
  const input = requireInput(node, 0);
  const weights = requireInput(node, 1);
  if (node.options.weightsFormat !== 'DEFAULT') throw unsupported(node, `weights format ${node.options.weightsFormat}`);
  expectRank(node, weights, 2, 'weights');
  const [units, depth] = weights.shape as [number, number];
  const total = numElements(input.shape);
  if (depth === 0 ? total !== 0 : total % depth !== 0) {
    throw shapeError(node, `input of ${total} elements is not a whole number of rows of ${depth}`);
  }
  const batches = depth === 0 ? 0 : total / depth;
  const output = requireOutput(node, 0);
  if (node.options.keepNumDims) {
    if (input.shape.length === 0 || input.shape[input.shape.length - 1] !== depth) {
      throw shapeError(node, `keep_num_dims needs the input's last axis to be ${depth}`);
    }
    output.shape = [...input.shape.slice(0, -1), units];
  } else {
    output.shape = [batches, units];
  }
  return { batches, depth, units };
}
