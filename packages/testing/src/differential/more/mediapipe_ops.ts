/**
 * MediaPipe's custom operators as LiteRT.js runs them — through XNNPACK, which takes them only with a
 * constant filter and bias, pooling windows equal to their strides, and VALID unpooling; the kernel tests
 * cover the other configurations against MediaPipe's reference semantics. XNNPACK stores the argmax indices
 * as integer bits in the float tensor where MediaPipe's kernel stores index + 0.1, so the indices are
 * compared through MaxUnpooling2D (which reads them back), not directly; and inputs are tie-free, since
 * XNNPACK scans a window in another order than MediaPipe's row-major first-maximum rule.
 */
import {
  BuiltinOp,
  poolParamsBytes,
  transposeConvParamsBytes,
  type Padding,
  type RawPoolParams,
} from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { arithmeticOptions } from '../options.js';
import { normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

function transposeConvBias(rng: Rng, padding: Padding, stride: number, k: number, inShape: [number, number, number, number], outC: number): DiffCase {
  const [n, h, w, c] = inShape;
  const same = padding === 'SAME';
  const pad = (size: number) => (same ? Math.max(0, k - ((size - 1) % stride) - 1) : 0);
  const outShape = [n, stride * (h - 1) + k - pad(h), stride * (w - 1) + k - pad(w), outC];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: inShape }, normalFloats(rng, inShape));
  const filter = b.constant({ dtype: 'float32', shape: [outC, k, k, c] }, normalFloats(rng, [outC, k, k, c]));
  const bias = b.constant({ dtype: 'float32', shape: [outC] }, normalFloats(rng, [outC]));
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.customOp('Convolution2DTransposeBias', [x, filter, bias], [out], transposeConvParamsBytes({ padding, strideW: stride, strideH: stride }));
  return b.build(`Convolution2DTransposeBias ${padding} stride ${stride} filter ${k} on [${inShape}] → ${outC}`);
}

function poolOut(p: RawPoolParams, size: number, filter: number, stride: number): number {
  return p.padding === 'SAME' ? Math.ceil(size / stride) : Math.floor((size - filter + stride) / stride);
}

function maxPoolArgmax(rng: Rng, p: RawPoolParams, inShape: [number, number, number, number], unpool: boolean): DiffCase {
  const [n, h, w, c] = inShape;
  const pooled = [n, poolOut(p, h, p.filterH, p.strideH), poolOut(p, w, p.filterW, p.strideW), c];
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: inShape }, normalFloats(rng, inShape));
  const options = poolParamsBytes(p);
  const what = `${p.padding} filter ${p.filterH}x${p.filterW} stride ${p.strideH}x${p.strideW}${p.activation !== 'NONE' ? ` ${p.activation}` : ''} on [${inShape}]`;
  if (!unpool) {
    const values = b.output({ dtype: 'float32', shape: pooled });
    const indices = b.intermediate({ dtype: 'float32', shape: pooled });
    b.customOp('MaxPoolingWithArgmax2D', [x], [values, indices], options);
    return b.build(`MaxPoolingWithArgmax2D ${what}`);
  }
  const values = b.intermediate({ dtype: 'float32', shape: pooled });
  const indices = b.intermediate({ dtype: 'float32', shape: pooled });
  b.customOp('MaxPoolingWithArgmax2D', [x], [values, indices], options);
  const shift = b.input({ dtype: 'float32', shape: pooled }, normalFloats(rng, pooled));
  const moved = b.intermediate({ dtype: 'float32', shape: pooled });
  b.op(BuiltinOp.ADD, [values, shift], [moved], arithmeticOptions('AddOptions'));
  const out = b.output({ dtype: 'float32', shape: [n, pooled[1]! * p.filterH, pooled[2]! * p.filterW, c] });
  b.customOp('MaxUnpooling2D', [moved, indices], [out], options);
  return b.build(`MaxUnpooling2D after MaxPoolingWithArgmax2D ${what}`);
}

const pool = (padding: Padding, filter: number, stride: number, activation: RawPoolParams['activation'] = 'NONE'): RawPoolParams => ({
  padding, strideW: stride, strideH: stride, filterW: filter, filterH: filter, activation,
});

export const mediapipeOpsFamily: DiffFamily = {
  name: 'MediaPipe custom operators',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 733);
    return [
      transposeConvBias(rng, 'SAME', 2, 3, [1, 5, 6, 3], 4),
      transposeConvBias(rng, 'SAME', 2, 2, [1, 4, 4, 2], 1),
      transposeConvBias(rng, 'VALID', 2, 3, [2, 3, 4, 2], 3),
      transposeConvBias(rng, 'SAME', 3, 4, [1, 4, 3, 2], 2),
      transposeConvBias(rng, 'VALID', 1, 3, [1, 4, 4, 1], 2),
      maxPoolArgmax(rng, pool('SAME', 2, 2), [1, 6, 6, 3], false),
      maxPoolArgmax(rng, pool('SAME', 2, 2), [2, 5, 7, 2], false),
      maxPoolArgmax(rng, pool('VALID', 2, 2), [1, 7, 5, 2], false),
      maxPoolArgmax(rng, pool('VALID', 2, 2), [1, 8, 6, 4], true),
      maxPoolArgmax(rng, pool('VALID', 3, 3), [1, 9, 6, 2], true),
    ];
  },
};
