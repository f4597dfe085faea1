/**
 * CONV_3D_TRANSPOSE (float32): output shape (int32 [5]: N, D, H, W, O; computed at run time, it makes the
 * output dynamic, as in TFLite), filter [kD, kH, kW, O, C],
 * input [N, D, H, W, C], optional bias [O]. Each input element is scattered through the filter into the
 * output at in·stride − pad + k·dilation; the padding is that of the convolution from the output back to
 * the input, whose size must match (TFLite's rule).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv3DOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { applyFloatActivation, floatActivationRange } from '../common/activation.js';
import { intValues } from '../common/const_values.js';
import { convolve3, dilations3, strides3, type Conv3DGeometry } from '../common/conv3d_geometry.js';
import { expectDType, expectRank, optionalInput, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

interface Plan extends Conv3DGeometry {
  readonly min: number;
  readonly max: number;
}

/** The geometry for output `shape`, checked against the filter, input and bias (at prepare, or at eval). */
function planFor(node: NodeContext<Conv3DOptions>, shape: readonly number[]): Plan {
  const filter = node.inputs[1]!, input = node.inputs[2]!, bias = node.inputs[3] ?? null;
  if (shape.length !== 5) throw shapeError(node, `output shape ${formatShape(shape)} must have 5 values`);
  const o = node.options;
  if ([...strides3(o), ...dilations3(o)].some((v) => v < 1)) throw shapeError(node, 'strides and dilations must be at least 1');
  const [batches, d, h, w, inC] = input.shape as [number, number, number, number, number];
  const [kd, kh, kw, outC, fc] = filter.shape as [number, number, number, number, number];
  if (fc !== inC) throw shapeError(node, `filter ${formatShape(filter.shape)} does not take ${inC} input channels`);
  if (shape[0] !== batches || shape[4] !== outC) throw shapeError(node, `output shape ${formatShape(shape)} does not fit batch ${batches} and ${outC} filters`);
  if (bias) {
    expectDType(node, bias, ['float32'], 'bias');
    if (bias.shape.length !== 1 || bias.shape[0] !== outC) throw shapeError(node, `bias ${formatShape(bias.shape)} must be [${outC}]`);
  }
  const outSize = shape.slice(1, 4) as [number, number, number];
  const { out: back, pad } = convolve3(outSize, [kd, kh, kw], o);
  if (back[0] !== d || back[1] !== h || back[2] !== w) {
    throw shapeError(node, `output shape ${formatShape(shape)} does not convolve back to input ${formatShape(input.shape)}`);
  }
  const { min, max } = floatActivationRange(o.fusedActivation);
  return { batches, inSize: [d, h, w], outSize, inC, outC, kernel: [kd, kh, kw], stride: strides3(o), dilation: dilations3(o), pad, min, max };
}

export const CONV_3D_TRANSPOSE_KERNEL: KernelRegistration<Conv3DOptions, Plan | null> = {
  op: BuiltinOp.CONV_3D_TRANSPOSE,
  name: 'CONV_3D_TRANSPOSE (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Conv3DOptions']),
  prepare(node) {
    const shapeIn = requireInput(node, 0), filter = requireInput(node, 1), input = requireInput(node, 2);
    optionalInput(node, 3);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'input'], [filter, 'filter'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
    expectDType(node, shapeIn, ['int32'], 'output shape');
    expectRank(node, input, 5, 'input');
    expectRank(node, filter, 5, 'filter');
    if (!shapeIn.isConstant) {
      node.markOutputDynamic(0);
      return null;
    }
    const g = planFor(node, intValues(node, shapeIn, 'output shape'));
    output.shape = [g.batches, ...g.outSize, g.outC];
    return g;
  },
  eval(node, plan) {
    let g = plan;
    if (g === null) {
      g = planFor(node, intValues(node, node.inputs[0]!, 'output shape'));
      node.resizeOutput(0, [g.batches, ...g.outSize, g.outC]);
    }
    const w = node.inputs[1]!.data as Float32Array, x = node.inputs[2]!.data as Float32Array;
    const bias = (node.inputs[3]?.data as Float32Array | undefined) ?? null;
    const out = node.outputs[0]!.data as Float32Array;
    const [D, H, W] = g.inSize, [OD, OH, OW] = g.outSize, [KD, KH, KW] = g.kernel;
    const { inC: C, outC: O } = g;
    out.fill(0);
    for (let b = 0; b < g.batches; b++) {
      for (let id = 0; id < D; id++) for (let ih = 0; ih < H; ih++) for (let iw = 0; iw < W; iw++) {
        const xBase = ((((b * D + id) * H + ih) * W) + iw) * C;
        for (let kd = 0; kd < KD; kd++) {
          const od = id * g.stride[0] - g.pad[0] + kd * g.dilation[0];
          if (od < 0 || od >= OD) continue;
          for (let kh = 0; kh < KH; kh++) {
            const oh = ih * g.stride[1] - g.pad[1] + kh * g.dilation[1];
            if (oh < 0 || oh >= OH) continue;
            for (let kw = 0; kw < KW; kw++) {
              const ow = iw * g.stride[2] - g.pad[2] + kw * g.dilation[2];
              if (ow < 0 || ow >= OW) continue;
              const oBase = ((((b * OD + od) * OH + oh) * OW) + ow) * O;
              const wBase = ((kd * KH + kh) * KW + kw) * O * C;
              for (let oc = 0; oc < O; oc++) {
                let sum = 0;
                for (let c = 0; c < C; c++) sum += x[xBase + c]! * w[wBase + oc * C + c]!;
                out[oBase + oc] = out[oBase + oc]! + sum;
              }
            }
          }
        }
      }
    }
    if (bias) for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias[i % O]!;
    applyFloatActivation(out, g.min, g.max);
  },
};
