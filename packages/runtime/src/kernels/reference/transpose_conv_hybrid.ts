/**
 * TRANSPOSE_CONV with a constant int8 filter and float32 activations ("dynamic range" models). As for the
 * hybrid CONV_2D (common/hybrid.ts), each input image is snapped to the int8 grid LiteRT quantizes it to and
 * the float kernel runs on the dequantized filter, which reproduces the integer products times the scales.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { TransposeConvOptions } from '../../core/options.js';
import { applyFloatActivation, nodeActivationRange } from '../common/activation.js';
import { dequantizeWeights, fakeQuantizeRowsInt8, isHybridWeight } from '../common/hybrid.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import {
  scatterTransposeConv, transposeConvGeometry, type TransposeConvGeometry,
} from '../common/transpose_conv_geometry.js';
import type { KernelRegistration } from '../kernel.js';
import { parseTransposeConvOptions } from './transpose_conv.js';

export interface TransposeConvHybridData {
  readonly g: TransposeConvGeometry;
  readonly filter: Float32Array;
  /** The int8-snapped input, reused by every eval. */
  readonly snapped: Float32Array;
  readonly actMin: number;
  readonly actMax: number;
}

export const TRANSPOSE_CONV_HYBRID_KERNEL: KernelRegistration<TransposeConvOptions, TransposeConvHybridData> = {
  op: BuiltinOp.TRANSPOSE_CONV,
  name: 'TRANSPOSE_CONV (float32 with int8 filter, hybrid)',
  parseOptions: parseTransposeConvOptions,
  supports: (node) => node.inputs[2]?.dtype === 'float32' && isHybridWeight(node.inputs[1]),
  prepare(node) {
    const input = requireInput(node, 2);
    expectDType(node, input, ['float32'], 'input');
    expectDType(node, requireOutput(node, 0), ['float32'], 'output');
    const bias = node.inputs[3];
    if (bias) expectDType(node, bias, ['float32'], 'bias');
    const g = transposeConvGeometry(node);
    const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
    return {
      g,
      filter: dequantizeWeights(node, requireInput(node, 1)),
      snapped: new Float32Array(g.batches * g.inH * g.inW * g.inC),
      actMin: min,
      actMax: max,
    };
  },
  eval(node, d) {
    const out = node.outputs[0]!.data as Float32Array;
    const g = d.g;
    fakeQuantizeRowsInt8(node.inputs[2]!.data as Float32Array, d.snapped, g.batches, g.inH * g.inW * g.inC);
    scatterTransposeConv(d.snapped, d.filter, out, g, 0);
    const bias = node.inputs[3]?.data as Float32Array | undefined;
    if (bias) {
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias[i % g.outC]!;
    }
    applyFloatActivation(out, d.actMin, d.actMax);
  },
};
