/**
 * RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR (align_corners, half_pixel_centers, up and down), and
 * DEQUANTIZE of int8/uint8 inputs and of float16 weights, float32 outputs.
 */
import { BuiltinOp, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { arithmeticOptions } from '../options.js';
import { halfBits, i32, normalFloats, randomActivationQuant, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';

type Corners = { alignCorners: boolean; halfPixelCenters: boolean };

function resize(rng: Rng, op: 'RESIZE_BILINEAR' | 'RESIZE_NEAREST_NEIGHBOR', input: number[], size: [number, number], c: Corners): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: input }, normalFloats(rng, input));
  const sizeT = b.constant({ dtype: 'int32', shape: [2] }, i32(size));
  const out = b.output({ dtype: 'float32', shape: [input[0], ...size, input[3]] });
  const kind = op === 'RESIZE_BILINEAR' ? 'ResizeBilinearOptions' : 'ResizeNearestNeighborOptions';
  b.op(BuiltinOp[op], [x, sizeT], [out], { kind, ...c }, c.halfPixelCenters ? 3 : 1);
  const how = c.alignCorners ? ' align_corners' : c.halfPixelCenters ? ' half_pixel_centers' : '';
  return b.build(`${op} [${input}] to ${size.join('x')}${how}`);
}

function dequantizeInput(rng: Rng, dtype: 'int8' | 'uint8', q: QuantizationParams): DiffCase {
  const shape = [2, 3, 5];
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape, quantization: q }, randomInts(rng, dtype, shape));
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp.DEQUANTIZE, [x], [out], null, 2);
  return b.build(`DEQUANTIZE ${dtype} (scale ${q.scale[0].toPrecision(3)}, zero point ${q.zeroPoint[0]}) -> float32`);
}

/** float16 weights: a constant DEQUANTIZE feeding an ADD with a float input (the converter's pattern). */
function dequantizeFloat16(rng: Rng): DiffCase {
  const shape = [3, 4];
  const b = new CaseBuilder();
  const weights = b.constant({ dtype: 'float16', shape }, halfBits(rng, 12));
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const w = b.intermediate({ dtype: 'float32', shape });
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp.DEQUANTIZE, [weights], [w], null, 3);
  b.op(BuiltinOp.ADD, [x, w], [out], arithmeticOptions('AddOptions'));
  return b.build('DEQUANTIZE float16 weights -> ADD float32');
}

const NONE: Corners = { alignCorners: false, halfPixelCenters: false };
const ALIGN: Corners = { alignCorners: true, halfPixelCenters: false };
const HALF: Corners = { alignCorners: false, halfPixelCenters: true };

export const floatResizeDequantizeFamily: DiffFamily = {
  name: 'RESIZE_* and DEQUANTIZE to float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 7);
    return [
      resize(rng, 'RESIZE_BILINEAR', [1, 4, 5, 2], [7, 9], NONE),
      resize(rng, 'RESIZE_BILINEAR', [2, 5, 4, 3], [3, 7], ALIGN),
      resize(rng, 'RESIZE_BILINEAR', [1, 6, 6, 1], [4, 9], HALF),
      resize(rng, 'RESIZE_NEAREST_NEIGHBOR', [1, 4, 5, 2], [7, 9], NONE),
      resize(rng, 'RESIZE_NEAREST_NEIGHBOR', [2, 5, 4, 3], [3, 7], ALIGN),
      resize(rng, 'RESIZE_NEAREST_NEIGHBOR', [1, 6, 6, 1], [4, 9], HALF),
      dequantizeInput(rng, 'int8', randomActivationQuant(rng, 'int8')),
      dequantizeInput(rng, 'uint8', perTensor(0.05, 200)),
      dequantizeFloat16(rng),
    ];
  },
};
