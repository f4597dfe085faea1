/**
 * CONV_3D (float32): input [N, D, H, W, C], filter [kD, kH, kW, C, O], optional bias [O]; strides,
 * dilations and SAME/VALID padding per spatial axis; fused activation. As TFLite's reference Conv3D.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv3DOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { applyFloatActivation, floatActivationRange } from '../common/activation.js';
import { convolve3, dilations3, strides3, type Conv3DGeometry } from '../common/conv3d_geometry.js';
import { expectDType, expectRank, optionalInput, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface Plan extends Conv3DGeometry {
  readonly min: number;
  readonly max: number;
}

export const CONV_3D_KERNEL: KernelRegistration<Conv3DOptions, Plan> = {
  op: BuiltinOp.CONV_3D,
  name: 'CONV_3D (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Conv3DOptions']),
  prepare(node) {
    const input = requireInput(node, 0), filter = requireInput(node, 1), bias = optionalInput(node, 2);
    const output = requireOutput(node, 0);
    for (const [t, what] of [[input, 'input'], [filter, 'filter'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
    expectRank(node, input, 5, 'input');
    expectRank(node, filter, 5, 'filter');
    const o = node.options;
    if ([...strides3(o), ...dilations3(o)].some((v) => v < 1)) throw shapeError(node, 'strides and dilations must be at least 1');
    const [batches, d, h, w, inC] = input.shape as [number, number, number, number, number];
    const [kd, kh, kw, fc, outC] = filter.shape as [number, number, number, number, number];
    if (fc !== inC) throw shapeError(node, `filter ${formatShape(filter.shape)} does not take ${inC} input channels`);
    if (bias) {
      expectDType(node, bias, ['float32'], 'bias');
      if (bias.shape.length !== 1 || bias.shape[0] !== outC) throw shapeError(node, `bias ${formatShape(bias.shape)} must be [${outC}]`);
    }
    const { out, pad } = convolve3([d, h, w], [kd, kh, kw], o);
    output.shape = [batches, ...out, outC];
    const { min, max } = floatActivationRange(o.fusedActivation);
    return {
      batches, inSize: [d, h, w], outSize: out, inC, outC, kernel: [kd, kh, kw], stride: strides3(o), dilation: dilations3(o), pad, min, max,
    };
  },
  eval(node, g) {
    const x = node.inputs[0]!.data as Float32Array, w = node.inputs[1]!.data as Float32Array;
    const bias = (node.inputs[2]?.data as Float32Array | undefined) ?? null;
    const out = node.outputs[0]!.data as Float32Array;
    const [D, H, W] = g.inSize, [OD, OH, OW] = g.outSize, [KD, KH, KW] = g.kernel;
    const { inC: C, outC: O } = g;
    let o = 0;
    for (let b = 0; b < g.batches; b++) {
      for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
        for (let oc = 0; oc < O; oc++, o++) {
          let sum = 0;
          for (let kd = 0; kd < KD; kd++) {
            const id = od * g.stride[0] - g.pad[0] + kd * g.dilation[0];
            if (id < 0 || id >= D) continue;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * g.stride[1] - g.pad[1] + kh * g.dilation[1];
              if (ih < 0 || ih >= H) continue;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * g.stride[2] - g.pad[2] + kw * g.dilation[2];
                if (iw < 0 || iw >= W) continue;
                const xBase = ((((b * D + id) * H + ih) * W) + iw) * C;
                const wBase = (((kd * KH + kh) * KW + kw) * C) * O + oc;
                for (let c = 0; c < C; c++) sum += x[xBase + c]! * w[wBase + c * O]!;
              }
            }
          }
          out[o] = sum + (bias ? bias[oc]! : 0);
        }
      }
    }
    applyFloatActivation(out, g.min, g.max);
  },
};
