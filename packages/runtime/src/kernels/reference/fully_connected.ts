/**
 * FULLY_CONNECTED (float32): output = input · weightsᵀ + bias, weights [units, depth], optional bias, fused
 * activation. The batch is the input's element count over depth; keep_num_dims keeps the input's leading axes.
 * Also the hybrid form (constant int8 weights, float input) approximately (common/hybrid.ts); the bit-exact
 * hybrid kernel is quantized/hybrid_dense.ts.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { FullyConnectedOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import { FULLY_CONNECTED_DEFAULTS, fullyConnectedShape } from '../common/fully_connected_shape.js';
import { expectDType, optionalInput, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { dequantizeWeights, fakeQuantizeRowsInt8, floatOrHybridSupports, isHybridWeight } from '../common/hybrid.js';
import { PartialSums, usesFourPartialSums } from '../common/float_sum_order.js';
import { optionsOrDefault } from '../common/options.js';
import { numElements } from '../../core/shape.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { matmulWork } from '../common/work.js';

export interface FullyConnectedGeometry {
  readonly batches: number;
  readonly depth: number;
  readonly units: number;
  readonly actMin: number;
  readonly actMax: number;
}

export interface FullyConnectedPrepared {
  readonly geometry: FullyConnectedGeometry;
  /** Hybrid only: the dequantized weights, and room for the int8-snapped input. */
  readonly hybrid: { readonly weights: Float32Array; readonly input: Float32Array } | null;
}

/**
 * Row-by-row dot products; both the input row and each weight row are contiguous. Accumulated in float32,
 * bias first, in depth order, as XNNPACK's GEMM (which LiteRT runs) does — with four partial sums when the
 * unit count is not a multiple of 8 (common/float_sum_order.ts).
 */
export function fullyConnectedFloat32(
  input: Float32Array,
  weights: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  g: FullyConnectedGeometry,
): void {
  const { batches, depth, units, actMin, actMax } = g;
  const sums = usesFourPartialSums(units, true) ? new PartialSums() : null;
  let o = 0;
  for (let b = 0; b < batches; b++) {
    const xi = b * depth;
    for (let u = 0; u < units; u++, o++) {
      const wi = u * depth;
      let acc = bias === null ? 0 : bias[u]!;
      if (sums) {
        sums.reset(acc);
        for (let k = 0; k < depth; k++) sums.add(k, Math.fround(input[xi + k]! * weights[wi + k]!));
        acc = sums.total();
      } else {
        for (let k = 0; k < depth; k++) acc = Math.fround(acc + Math.fround(input[xi + k]! * weights[wi + k]!));
      }
      output[o] = acc < actMin ? actMin : acc > actMax ? actMax : acc;
    }
  }
}

function prepareFullyConnected(node: NodeContext<FullyConnectedOptions>): FullyConnectedPrepared {
  const input = requireInput(node, 0);
  const weights = requireInput(node, 1);
  const bias = optionalInput(node, 2);
  const output = requireOutput(node, 0);
  for (const [t, what] of [[input, 'input'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
  if (!isHybridWeight(weights)) expectDType(node, weights, ['float32'], 'weights');
  const { batches, depth, units } = fullyConnectedShape(node);
  if (bias) {
    expectDType(node, bias, ['float32'], 'bias');
    if (numElements(bias.shape) !== units) {
      throw shapeError(node, `bias has ${numElements(bias.shape)} values for ${units} units`);
    }
  }
  const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
  const geometry = { batches, depth, units, actMin: min, actMax: max };
  const hybrid = isHybridWeight(weights)
    ? { weights: dequantizeWeights(node, weights), input: new Float32Array(batches * depth) }
    : null;
  return { geometry, hybrid };
}

export const FULLY_CONNECTED_KERNEL: KernelRegistration<FullyConnectedOptions, FullyConnectedPrepared> = {
  op: BuiltinOp.FULLY_CONNECTED,
  name: 'FULLY_CONNECTED (float32, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['FullyConnectedOptions'], FULLY_CONNECTED_DEFAULTS),
  supports: floatOrHybridSupports,
  prepare: prepareFullyConnected,
  eval: (node, { geometry: g, hybrid }) => {
    const bias = node.inputs[2];
    let input = node.inputs[0]!.data as Float32Array;
    if (hybrid) {
      // One int8 grid per batch row, as LiteRT's dynamic quantization does.
      fakeQuantizeRowsInt8(input, hybrid.input, g.batches, g.depth);
      input = hybrid.input;
    }
    fullyConnectedFloat32(
      input,
      hybrid ? hybrid.weights : (node.inputs[1]!.data as Float32Array),
      bias ? (bias.data as Float32Array) : null,
      node.outputs[0]!.data as Float32Array,
      g,
    );
  },
  work: (node) => matmulWork(node, node.inputs[1]?.shape.at(-1) ?? 0),
};
