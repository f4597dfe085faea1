/**
 * FULLY_CONNECTED, quantized (TFLite reference_integer_ops::FullyConnected / FullyConnectedPerChannel and the
 * uint8 reference): acc = bias + Σ w·(x − x_zp) per unit, requantized (per unit when the weights are
 * per-channel), offset by the output zero point and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { FullyConnectedOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { expectRank, optionalInput, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import {
  isXnnpackWeightedNode, isQuantizedWeightedNode, prepareWeightedQuant, requantizeAccumulator,
  type RequantMode, type WeightedQuantParams,
} from './weighted_params.js';

export interface QuantizedFullyConnectedData {
  readonly batches: number;
  readonly depth: number;
  readonly units: number;
  readonly q: WeightedQuantParams;
}

export const FULLY_CONNECTED_DEFAULTS: FullyConnectedOptions = {
  kind: 'FullyConnectedOptions',
  fusedActivation: 'NONE',
  weightsFormat: 'DEFAULT',
  keepNumDims: false,
  asymmetricQuantizeInputs: false,
};

/** Batch/depth/units from input and [units, depth] weights; sets the output shape (keep_num_dims aware). */
export function fullyConnectedShape(node: NodeContext<FullyConnectedOptions>): { batches: number; depth: number; units: number } {
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

function prepare(node: NodeContext<FullyConnectedOptions>, mode: RequantMode): QuantizedFullyConnectedData {
  const shape = fullyConnectedShape(node);
  const tensors = {
    input: requireInput(node, 0), filter: requireInput(node, 1), bias: optionalInput(node, 2), output: requireOutput(node, 0),
  };
  return { ...shape, q: prepareWeightedQuant(node, tensors, shape.units, 0, node.options.fusedActivation, true, mode) };
}

export function fullyConnectedQuantized(
  input: Int8Array | Uint8Array | Int16Array,
  output: Int8Array | Uint8Array | Int16Array,
  d: QuantizedFullyConnectedData,
): void {
  const { batches, depth, units, q } = d;
  const w = q.weights;
  const io = q.inputOffset;
  let o = 0;
  for (let b = 0; b < batches; b++) {
    const xi = b * depth;
    for (let u = 0; u < units; u++, o++) {
      const wi = u * depth;
      let acc = 0;
      for (let k = 0; k < depth; k++) acc += w[wi + k]! * (input[xi + k]! + io);
      output[o] = requantizeAccumulator(acc + q.bias[u]!, q, u);
    }
  }
}

function fullyConnectedKernel(mode: RequantMode): KernelRegistration<FullyConnectedOptions, QuantizedFullyConnectedData> {
  return {
    op: BuiltinOp.FULLY_CONNECTED,
    name: mode === 'xnnpack'
      ? 'FULLY_CONNECTED (int8, XNNPACK requantization)'
      : 'FULLY_CONNECTED (int8/uint8/int16x8, reference)',
    parseOptions: (raw) => optionsOrDefault(raw, ['FullyConnectedOptions'], FULLY_CONNECTED_DEFAULTS),
    supports: mode === 'xnnpack' ? isXnnpackWeightedNode : isQuantizedWeightedNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => fullyConnectedQuantized(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const FULLY_CONNECTED_QUANTIZED_KERNEL = fullyConnectedKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (int8 only). */
export const FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL = fullyConnectedKernel('xnnpack');
