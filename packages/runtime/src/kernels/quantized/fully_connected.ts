/**
 * FULLY_CONNECTED, quantized (TFLite reference_integer_ops::FullyConnected / FullyConnectedPerChannel and the
 * uint8 reference): acc = bias + Σ w·(x − x_zp) per unit, requantized (per unit when the weights are
 * per-channel), offset by the output zero point and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { FullyConnectedOptions } from '../../core/options.js';
import { FULLY_CONNECTED_DEFAULTS, fullyConnectedShape } from '../common/fully_connected_shape.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import {
  isQuantizedWeightedNode, prepareWeightedQuant, requantizeAccumulator, weightedTensors,
  type RequantMode, type WeightedQuantParams,
} from './weighted_params.js';
import { xnnpackTakesFullyConnected } from './xnnpack_delegation.js';

export interface QuantizedFullyConnectedData {
  readonly batches: number;
  readonly depth: number;
  readonly units: number;
  readonly q: WeightedQuantParams;
}

export { FULLY_CONNECTED_DEFAULTS, fullyConnectedShape } from '../common/fully_connected_shape.js';

function prepare(node: NodeContext<FullyConnectedOptions>, mode: RequantMode): QuantizedFullyConnectedData {
  const shape = fullyConnectedShape(node);
  return { ...shape, q: prepareWeightedQuant(node, weightedTensors(node), shape.units, 0, node.options.fusedActivation, true, mode) };
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
      ? 'FULLY_CONNECTED (int8/uint8, XNNPACK requantization)'
      : 'FULLY_CONNECTED (int8/uint8/int16x8, reference)',
    parseOptions: (raw) => optionsOrDefault(raw, ['FullyConnectedOptions'], FULLY_CONNECTED_DEFAULTS),
    supports: mode === 'xnnpack' ? xnnpackTakesFullyConnected : isQuantizedWeightedNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => fullyConnectedQuantized(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const FULLY_CONNECTED_QUANTIZED_KERNEL = fullyConnectedKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate, for the nodes the delegate takes. */
export const FULLY_CONNECTED_QUANTIZED_XNNPACK_KERNEL = fullyConnectedKernel('xnnpack');
