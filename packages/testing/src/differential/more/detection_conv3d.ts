/**
 * NON_MAX_SUPPRESSION_V4 and _V5 (hard and soft NMS, score thresholds, fewer boxes than max_output_size),
 * CONV_3D (SAME/VALID, strides, dilations, bias, fused activation) and CONV_3D_TRANSPOSE (SAME/VALID,
 * strides, bias), float32. LiteRT.js runs CONV_3D_TRANSPOSE through TFLite's optimized kernel, whose col2im
 * takes the height padding as the depth's trailing padding (found by probing it): where the two differ its
 * answer drops or over-reads input planes. Ours follows TFLite's reference kernel, so the SAME cases here
 * have a depth trailing padding equal to the height padding (a kernel test covers one where they differ).
 */
import { BuiltinOp, type BuiltinOptions, type FusedActivation, type Padding } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

function boxes(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const y = rng.uniform(0, 1), x = rng.uniform(0, 1), h = rng.uniform(0.1, 0.5), w = rng.uniform(0.1, 0.5);
    // Corners in either order: NMS must not care.
    out.set(i % 3 === 0 ? [y + h, x + w, y, x] : [y, x, y + h, x + w], 4 * i);
  }
  return out;
}

function nms(rng: Rng, soft: boolean, n: number, maxOut: number, iou: number, scoreThreshold: number, sigma: number): DiffCase {
  const b = new CaseBuilder();
  const box = b.input({ dtype: 'float32', shape: [n, 4] }, boxes(rng, n));
  const scores = b.input({ dtype: 'float32', shape: [n] }, uniformFloats(rng, [n], 0, 1));
  const scalar = (v: number) => b.constant({ dtype: 'float32', shape: [] }, Float32Array.of(v));
  const inputs = [box, scores, b.constant({ dtype: 'int32', shape: [] }, i32([maxOut])), scalar(iou), scalar(scoreThreshold)];
  if (soft) inputs.push(scalar(sigma));
  const outputs = [b.output({ dtype: 'int32', shape: [maxOut] })];
  if (soft) outputs.push(b.output({ dtype: 'float32', shape: [maxOut] }));
  outputs.push(b.output({ dtype: 'int32', shape: [] }));
  b.op(soft ? BuiltinOp.NON_MAX_SUPPRESSION_V5 : BuiltinOp.NON_MAX_SUPPRESSION_V4, inputs, outputs);
  return b.build(`NON_MAX_SUPPRESSION_${soft ? 'V5' : 'V4'} ${n} boxes max ${maxOut} iou ${iou} score > ${scoreThreshold}${soft ? ` sigma ${sigma}` : ''}`);
}

interface Conv3D {
  readonly padding: Padding;
  readonly stride: [number, number, number];
  readonly dilation?: [number, number, number];
  readonly activation?: FusedActivation;
}

function options(c: Conv3D): BuiltinOptions {
  const d = c.dilation ?? [1, 1, 1];
  return {
    kind: 'Conv3DOptions', padding: c.padding, strideD: c.stride[0], strideH: c.stride[1], strideW: c.stride[2],
    fusedActivation: c.activation ?? 'NONE', dilationD: d[0], dilationH: d[1], dilationW: d[2],
  };
}

function outSize(c: Conv3D, input: number[], kernel: number[]): number[] {
  const d = c.dilation ?? [1, 1, 1];
  return input.map((n, i) => {
    const eff = (kernel[i]! - 1) * d[i]! + 1;
    return c.padding === 'SAME' ? Math.ceil(n / c.stride[i]!) : Math.floor((n - eff + c.stride[i]!) / c.stride[i]!);
  });
}

function conv3d(rng: Rng, c: Conv3D, input: [number, number, number, number, number], kernel: [number, number, number], outC: number, bias: boolean): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: input }, normalFloats(rng, input));
  const wShape = [...kernel, input[4], outC];
  const w = b.constant({ dtype: 'float32', shape: wShape }, normalFloats(rng, wShape));
  const ins = [x, w];
  if (bias) ins.push(b.constant({ dtype: 'float32', shape: [outC] }, normalFloats(rng, [outC])));
  const out = b.output({ dtype: 'float32', shape: [input[0], ...outSize(c, input.slice(1, 4), kernel), outC] });
  b.op(BuiltinOp.CONV_3D, ins, [out], options(c));
  return b.build(`CONV_3D ${c.padding} stride [${c.stride}]${c.dilation ? ` dilation [${c.dilation}]` : ''} ${c.activation ?? ''} on [${input}] kernel [${kernel}] → ${outC}${bias ? ' + bias' : ''}`);
}

function conv3dTranspose(rng: Rng, c: Conv3D, outShape: [number, number, number, number, number], kernel: [number, number, number], inC: number, bias: boolean): DiffCase {
  const b = new CaseBuilder();
  const inShape = [outShape[0], ...outSize(c, outShape.slice(1, 4), kernel), inC];
  const shape = b.constant({ dtype: 'int32', shape: [5] }, i32(outShape));
  const wShape = [...kernel, outShape[4], inC];
  const w = b.constant({ dtype: 'float32', shape: wShape }, normalFloats(rng, wShape));
  const x = b.input({ dtype: 'float32', shape: inShape }, normalFloats(rng, inShape));
  const ins = [shape, w, x];
  if (bias) ins.push(b.constant({ dtype: 'float32', shape: [outShape[4]] }, normalFloats(rng, [outShape[4]])));
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.CONV_3D_TRANSPOSE, ins, [out], options(c));
  return b.build(`CONV_3D_TRANSPOSE ${c.padding} stride [${c.stride}] from [${inShape}] to [${outShape}]${bias ? ' + bias' : ''}`);
}

export const detectionConv3dFamily: DiffFamily = {
  name: 'NMS and 3-D convolutions',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 773);
    return [
      nms(rng, false, 12, 6, 0.5, 0.1, 0),
      nms(rng, false, 8, 10, 0.3, 0.5, 0),
      nms(rng, true, 12, 6, 0.6, 0.05, 0),
      nms(rng, true, 15, 8, 0.7, 0.2, 0.5),
      conv3d(rng, { padding: 'VALID', stride: [1, 1, 1] }, [1, 4, 5, 5, 2], [2, 3, 3], 3, true),
      conv3d(rng, { padding: 'SAME', stride: [2, 1, 2], activation: 'RELU' }, [2, 5, 4, 6, 3], [3, 2, 3], 2, true),
      conv3d(rng, { padding: 'SAME', stride: [1, 1, 1], dilation: [2, 1, 2] }, [1, 5, 4, 5, 1], [2, 2, 2], 2, false),
      conv3dTranspose(rng, { padding: 'VALID', stride: [2, 2, 2] }, [1, 6, 5, 6, 2], [2, 3, 2], 3, true),
      conv3dTranspose(rng, { padding: 'SAME', stride: [1, 1, 1] }, [1, 4, 5, 4, 3], [3, 3, 2], 2, false),
      conv3dTranspose(rng, { padding: 'SAME', stride: [2, 2, 2] }, [1, 4, 4, 6, 2], [2, 2, 3], 3, true),
    ];
  },
};
