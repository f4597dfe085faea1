/**
 * Layout ops on every integer type: int8, uint8 and int16 (random quantization shared by input and
 * output) and plain int32, with the shape and index ops of layout_*_ops.ts. Outputs must match exactly.
 */
import type { DiffCase, DiffFamily } from '../case_builder.js';
import { randomInts, type QuantDType } from '../random_data.js';
import { Rng } from '../rng.js';
import { quantizedType, type ElementType } from './element_type.js';
import { INDEX_OPS } from './layout_index_ops.js';
import { SHAPE_OPS } from './layout_shape_ops.js';

const INT32: ElementType = { dtype: 'int32', values: (rng, shape) => randomInts(rng, 'int32', shape) };

export const quantLayoutFamily: DiffFamily = {
  name: 'layout ops on int8 / uint8 / int16 / int32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 15);
    const dtypes: QuantDType[] = ['int8', 'uint8', 'int16'];
    const types = [...dtypes.map((d) => () => quantizedType(rng, d)), () => INT32];
    return types.flatMap((type) => [...SHAPE_OPS, ...INDEX_OPS].map((make) => make(rng, type())));
  },
};
