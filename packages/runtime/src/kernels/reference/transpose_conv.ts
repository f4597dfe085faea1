/**
 * TRANSPOSE_CONV (float32): the gradient of CONV_2D with respect to its input. Inputs: constant output shape,
 * filter [outC, kH, kW, inC], input NHWC, optional bias; SAME/VALID padding, strides, fused activation.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, TransposeConvOptions } from '../../core/options.js';
import { applyFloatActivation, nodeActivationRange } from '../common/activation.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import {
  scatterTransposeConv, transposeConvGeometry, type TransposeConvGeometry,
} from '../common/transpose_conv_geometry.js';
import type { KernelRegistration } from '../kernel.js';
import { transposeConvWork } from '../common/work.js';

export interface TransposeConvFloatData {
  readonly g: TransposeConvGeometry;
  readonly actMin: number;
  readonly actMax: number;
}

export function parseTransposeConvOptions(raw: BuiltinOptions | null): TransposeConvOptions {
  return optionsOrDefault(raw, ['TransposeConvOptions'], {
    kind: 'TransposeConvOptions', padding: 'SAME', strideW: 1, strideH: 1, fusedActivation: 'NONE',
  });
}

export const TRANSPOSE_CONV_KERNEL: KernelRegistration<TransposeConvOptions, TransposeConvFloatData> = {
  op: BuiltinOp.TRANSPOSE_CONV,
  name: 'TRANSPOSE_CONV (float32, reference)',
  parseOptions: parseTransposeConvOptions,
  supports: (node) => node.inputs[2]?.dtype === 'float32' && node.inputs[1]?.dtype === 'float32',
  prepare(node) {
    expectDType(node, requireInput(node, 1), ['float32'], 'filter');
    expectDType(node, requireInput(node, 2), ['float32'], 'input');
    expectDType(node, requireOutput(node, 0), ['float32'], 'output');
    const bias = node.inputs[3];
    if (bias) expectDType(node, bias, ['float32'], 'bias');
    const g = transposeConvGeometry(node);
    const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
    return { g, actMin: min, actMax: max };
  },
  eval(node, d) {
    const out = node.outputs[0]!.data as Float32Array;
    scatterTransposeConv(node.inputs[2]!.data as Float32Array, node.inputs[1]!.data as Float32Array, out, d.g, 0);
    const bias = node.inputs[3]?.data as Float32Array | undefined;
    if (bias) {
      const outC = d.g.outC;
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias[i % outC]!;
    }
    applyFloatActivation(out, d.actMin, d.actMax);
  },
  work: transposeConvWork,
};
