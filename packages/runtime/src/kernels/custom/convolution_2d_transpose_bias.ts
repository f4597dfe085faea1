/**
 * MediaPipe's Convolution2DTransposeBias (float32): TRANSPOSE_CONV with a bias and without TFLite's
 * output-shape input. Inputs: input [N, H, W, C], filter [O, kH, kW, C], bias [O]; options: a raw
 * TfLiteTransposeConvParams struct. The output size is stride·(in − 1) + k − pad, where SAME pads
 * pad = max(0, k − (in − 1) mod stride − 1) in total (VALID: 0) and the scatter starts pad/2 before the
 * output's first row and column (MediaPipe's transpose_conv_bias.cc).
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape } from '../../core/shape.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { scatterTransposeConv, type TransposeConvGeometry } from '../common/transpose_conv_geometry.js';
import type { KernelRegistration } from '../kernel.js';
import { transposeConvBiasWork } from '../common/work.js';
import { readTransposeConvParams, type RawTransposeConvParams } from './raw_params.js';

export const CONVOLUTION_2D_TRANSPOSE_BIAS_CODE = 'Convolution2DTransposeBias';

function totalPadding(inSize: number, filter: number, stride: number, same: boolean): number {
  return same ? Math.max(0, filter - ((inSize - 1) % stride) - 1) : 0;
}

export const CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL: KernelRegistration<RawTransposeConvParams, TransposeConvGeometry> = {
  op: BuiltinOp.CUSTOM,
  name: `${CONVOLUTION_2D_TRANSPOSE_BIAS_CODE} (float32, reference)`,
  supports: (node) => node.customCode === CONVOLUTION_2D_TRANSPOSE_BIAS_CODE,
  parseOptions: (_raw, custom) => readTransposeConvParams(custom, CONVOLUTION_2D_TRANSPOSE_BIAS_CODE),
  work: transposeConvBiasWork,
  prepare(node) {
    const input = requireInput(node, 0), filter = requireInput(node, 1), bias = requireInput(node, 2);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'input'], [filter, 'filter'], [bias, 'bias'], [output, 'output']] as const) {
      expectDType(node, t, ['float32'], what);
    }
    expectRank(node, input, 4, 'input');
    expectRank(node, filter, 4, 'filter');
    expectRank(node, bias, 1, 'bias');
    const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
    const [outC, filterH, filterW, filterC] = filter.shape as [number, number, number, number];
    if (filterC !== inC) throw shapeError(node, `filter ${formatShape(filter.shape)} does not take ${inC} input channels`);
    if (bias.shape[0] !== outC) throw shapeError(node, `bias ${formatShape(bias.shape)} does not match ${outC} filters`);
    if (inH < 1 || inW < 1) throw shapeError(node, `input ${formatShape(input.shape)} is empty`);
    const o = node.options;
    const same = o.padding === 'SAME';
    const padH = totalPadding(inH, filterH, o.strideH, same);
    const padW = totalPadding(inW, filterW, o.strideW, same);
    const outH = o.strideH * (inH - 1) + filterH - padH;
    const outW = o.strideW * (inW - 1) + filterW - padW;
    output.shape = [batches, outH, outW, outC];
    return {
      batches, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH: o.strideH, strideW: o.strideW,
      padTop: Math.floor(padH / 2), padLeft: Math.floor(padW / 2),
    };
  },
  eval(node, g) {
    const out = node.outputs[0]!.data as Float32Array;
    scatterTransposeConv(node.inputs[0]!.data as Float32Array, node.inputs[1]!.data as Float32Array, out, g, 0);
    const bias = node.inputs[2]!.data as Float32Array;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias[i % g.outC]!;
  },
};
