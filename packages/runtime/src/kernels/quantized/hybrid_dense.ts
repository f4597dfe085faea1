/**
 * Hybrid FULLY_CONNECTED and BATCH_MATMUL (float32 input, constant int8 weights) as LiteRT's XNNPACK delegate
 * computes them, bit for bit: every input row (a batch row of FULLY_CONNECTED, an M-row of each BATCH_MATMUL
 * matrix) is quantized with its own XNNPACK parameters, dotted with the int8 weight rows in int32, and scaled
 * back in float32 (common/hybrid_quantize.ts). asymmetric_quantize_inputs does not change what XNNPACK does.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BatchMatMulOptions, FullyConnectedOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import { FULLY_CONNECTED_DEFAULTS, fullyConnectedShape } from '../common/fully_connected_shape.js';
import { hybridOutput, quantizeRowXnnpack } from '../common/hybrid_quantize.js';
import { requireInput, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { batchMatMulGeometry, parseBatchMatMulOptions, type BatchMatMulGeometry } from '../reference/batch_matmul.js';
import { hybridInputPlan, hybridWeights, isHybridNode, quantizeInput, type HybridInputPlan, type HybridWeights } from './hybrid_conv.js';

interface HybridFullyConnectedData {
  readonly units: number;
  readonly depth: number;
  readonly input: HybridInputPlan;
  readonly w: HybridWeights;
  readonly actMin: number;
  readonly actMax: number;
}

function prepareFullyConnected(node: NodeContext<FullyConnectedOptions>): HybridFullyConnectedData {
  const { batches, depth, units } = fullyConnectedShape(node);
  const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
  return {
    units, depth, input: hybridInputPlan(quantizeRowXnnpack, batches, depth), w: hybridWeights(node, requireInput(node, 1), units, { input: 0, bias: 2, channelAxis: 0 }),
    actMin: min, actMax: max,
  };
}

export function fullyConnectedHybrid(input: Float32Array, output: Float32Array, d: HybridFullyConnectedData): void {
  const { units, depth, w } = d;
  quantizeInput(d.input, input);
  const { codes, scales, zeroPoints, rows } = d.input;
  for (let b = 0, o = 0; b < rows; b++) {
    const zp = zeroPoints[b]!;
    const xi = b * depth;
    for (let u = 0; u < units; u++, o++) {
      const wi = u * depth;
      let acc = 0;
      for (let k = 0; k < depth; k++) acc += (codes[xi + k]! - zp) * w.weights[wi + k]!;
      const v = hybridOutput(acc, scales[b]!, w.scales[u]!, w.bias[u]!);
      output[o] = v < d.actMin ? d.actMin : v > d.actMax ? d.actMax : v;
    }
  }
}

interface HybridBatchMatMulData {
  readonly g: BatchMatMulGeometry;
  /** One quantized row of lhs (its M-rows, after adj_x) and the float row it is gathered into. */
  readonly row: Float32Array;
  readonly input: HybridInputPlan;
  readonly w: HybridWeights;
}

function prepareBatchMatMul(node: NodeContext<BatchMatMulOptions>): HybridBatchMatMulData {
  const rhs = requireInput(node, 1);
  if (rhs.shape.length !== 2) throw unsupported(node, `hybrid BATCH_MATMUL needs a rank-2 int8 rhs, got [${rhs.shape.join(',')}]`);
  const g = batchMatMulGeometry(node);
  return {
    g, row: new Float32Array(g.k), input: hybridInputPlan(quantizeRowXnnpack, g.lhsOffsets.length * g.m, g.k),
    w: hybridWeights(node, rhs, g.n, { input: 0, bias: 2, channelAxis: node.options.adjY ? 0 : 1 }),
  };
}

export function batchMatMulHybrid(lhs: Float32Array, output: Float32Array, d: HybridBatchMatMulData): void {
  const { g, row, w } = d;
  const { m, n, k, lhsRowStride, lhsDepthStride, rhsDepthStride, rhsColStride } = g;
  const { codes, scales, zeroPoints } = d.input;
  const batches = g.lhsOffsets.length;
  for (let b = 0, r = 0; b < batches; b++) {
    for (let i = 0; i < m; i++, r++) {
      const li = g.lhsOffsets[b]! + i * lhsRowStride;
      for (let t = 0; t < k; t++) row[t] = lhs[li + t * lhsDepthStride]!;
      const q = d.input.quantizer(row, 0, k, codes, r * k);
      scales[r] = q.scale;
      zeroPoints[r] = q.zeroPoint;
    }
  }
  for (let b = 0, r = 0, o = 0; b < batches; b++) {
    for (let i = 0; i < m; i++, r++) {
      const zp = zeroPoints[r]!;
      for (let j = 0; j < n; j++, o++) {
        let acc = 0;
        for (let t = 0, x = r * k, y = g.rhsOffsets[b]! + j * rhsColStride; t < k; t++, x++, y += rhsDepthStride) {
          acc += (codes[x]! - zp) * w.weights[y]!;
        }
        output[o] = hybridOutput(acc, scales[r]!, w.scales[j]!, 0);
      }
    }
  }
}

export const FULLY_CONNECTED_HYBRID_KERNEL: KernelRegistration<FullyConnectedOptions, HybridFullyConnectedData> = {
  op: BuiltinOp.FULLY_CONNECTED,
  name: 'FULLY_CONNECTED (hybrid int8 weights, XNNPACK dynamic quantization)',
  parseOptions: (raw) => optionsOrDefault(raw, ['FullyConnectedOptions'], FULLY_CONNECTED_DEFAULTS),
  supports: (node) => isHybridNode(node),
  prepare: prepareFullyConnected,
  eval: (node, d) => fullyConnectedHybrid(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, d),
};

export const BATCH_MATMUL_HYBRID_KERNEL: KernelRegistration<BatchMatMulOptions, HybridBatchMatMulData> = {
  op: BuiltinOp.BATCH_MATMUL,
  name: 'BATCH_MATMUL (hybrid int8 rhs, XNNPACK dynamic quantization)',
  parseOptions: parseBatchMatMulOptions,
  supports: (node) => isHybridNode(node),
  prepare: prepareBatchMatMul,
  eval: (node, d) => batchMatMulHybrid(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, d),
};
