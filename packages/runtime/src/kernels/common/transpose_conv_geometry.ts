/**
 * Shape logic shared by the float and quantized TRANSPOSE_CONV kernels. TFLite's inputs are, in order: the
 * output shape (int32 [4], which must be known at prepare time), the filter [outC, kH, kW, inC], the input
 * [N, H, W, inC] and, from version 3, an optional bias [outC]. Padding follows TFLite: the SAME/VALID rule is
 * applied as if the *output* were a convolution's input (padding.h ComputePaddingHeightWidth).
 */
import type { TransposeConvOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import type { NodeContext } from '../kernel.js';
import { constIntValues } from './const_values.js';
import { expectRank, requireInput, requireOutput, shapeError } from './node_checks.js';
import { computePadding } from './padding.js';

export interface TransposeConvGeometry {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** Validates shapes, sets the output shape from the constant output-shape input, computes the padding. */
export function transposeConvGeometry(node: NodeContext<TransposeConvOptions>): TransposeConvGeometry {
  const o = node.options;
  const outShape = constIntValues(node, requireInput(node, 0), 'output shape input');
  const filter = requireInput(node, 1);
  const input = requireInput(node, 2);
  expectRank(node, filter, 4, 'filter');
  expectRank(node, input, 4, 'input');
  if (outShape.length !== 4) throw shapeError(node, `output shape ${formatShape(outShape)} must have 4 values`);
  const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
  const [outC, filterH, filterW, filterC] = filter.shape as [number, number, number, number];
  const [outN, outH, outW, outShapeC] = outShape as [number, number, number, number];
  if (filterC !== inC) throw shapeError(node, `filter has ${filterC} input channels, input has ${inC}`);
  if (outN !== batches || outShapeC !== outC || outH < 0 || outW < 0) {
    throw shapeError(node, `output shape ${formatShape(outShape)} does not fit input ${formatShape(input.shape)} and ${outC} filters`);
  }
  if (o.strideH < 1 || o.strideW < 1) throw shapeError(node, 'strides must be at least 1');
  const bias = node.inputs[3];
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== outC)) {
    throw shapeError(node, `bias shape ${formatShape(bias.shape)} does not match ${outC} output channels`);
  }
  requireOutput(node, 0).shape = [...outShape];
  return {
    batches, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH: o.strideH, strideW: o.strideW,
    padTop: computePadding(outH, filterH, o.strideH, 1, o.padding).padBefore,
    padLeft: computePadding(outW, filterW, o.strideW, 1, o.padding).padBefore,
  };
}

/**
 * Scatters every input pixel through the filter into `acc` (zeroed first), as TFLite's reference kernel:
 * acc[b, iy·sH − padTop + ky, ix·sW − padLeft + kx, oc] += (x + inputOffset) · w[oc, ky, kx, ic], taps
 * falling outside the output dropped.
 */
export function scatterTransposeConv(
  input: ArrayLike<number>,
  filter: ArrayLike<number>,
  acc: Float32Array | Int32Array | Float64Array,
  g: TransposeConvGeometry,
  inputOffset: number,
): void {
  const { inH, inW, inC, outH, outW, outC, filterH, filterW } = g;
  acc.fill(0);
  const tapStride = filterH * filterW * inC;
  for (let b = 0; b < g.batches; b++) {
    for (let iy = 0; iy < inH; iy++) {
      for (let ix = 0; ix < inW; ix++) {
        const inBase = ((b * inH + iy) * inW + ix) * inC;
        const oy0 = iy * g.strideH - g.padTop;
        const ox0 = ix * g.strideW - g.padLeft;
        for (let ky = 0; ky < filterH; ky++) {
          const oy = oy0 + ky;
          if (oy < 0 || oy >= outH) continue;
          for (let kx = 0; kx < filterW; kx++) {
            const ox = ox0 + kx;
            if (ox < 0 || ox >= outW) continue;
            const outBase = ((b * outH + oy) * outW + ox) * outC;
            const wTap = (ky * filterW + kx) * inC;
            for (let oc = 0; oc < outC; oc++) {
              const w = oc * tapStride + wTap;
              let sum = 0;
              for (let ic = 0; ic < inC; ic++) sum += (input[inBase + ic]! + inputOffset) * filter[w + ic]!;
              acc[outBase + oc] = acc[outBase + oc]! + sum;
            }
          }
        }
      }
    }
  }
}
