/**
 * Options of the layout, reduction and type ops: RESHAPE, SQUEEZE, STRIDED_SLICE, PACK, UNPACK, SPLIT(_V),
 * GATHER, the reducers, RESIZE_*, CAST, SHAPE and ARG_MAX/ARG_MIN (field ids and defaults from schema.fbs).
 */
import type {
  ArgMaxOptions,
  CastOptions,
  GatherOptions,
  PackOptions,
  ReducerOptions,
  ReshapeOptions,
  ResizeBilinearOptions,
  ResizeNearestNeighborOptions,
  ShapeOptions,
  SplitOptions,
  SqueezeOptions,
  StridedSliceOptions,
  UnpackOptions,
} from '../../core/options.js';
import { addDtype, dtypeField, int32Vector, type OptionsCodec } from './codec.js';

export const reshape: OptionsCodec<ReshapeOptions> = {
  tables: ['ReshapeOptions'],
  parse: (t) => ({ kind: 'ReshapeOptions', newShape: t.int32s(0, 'new_shape') }),
  write: (b, o) => {
    const shape = o.newShape === null ? 0 : int32Vector(b, o.newShape);
    b.startObject(1);
    if (o.newShape !== null) b.addFieldOffset(0, shape, 0);
    return b.endObject();
  },
};

export const squeeze: OptionsCodec<SqueezeOptions> = {
  tables: ['SqueezeOptions'],
  parse: (t) => ({ kind: 'SqueezeOptions', squeezeDims: t.int32s(0, 'squeeze_dims') ?? [] }),
  write: (b, o) => {
    const dims = int32Vector(b, o.squeezeDims);
    b.startObject(1);
    b.addFieldOffset(0, dims, 0);
    return b.endObject();
  },
};

export const stridedSlice: OptionsCodec<StridedSliceOptions> = {
  tables: ['StridedSliceOptions'],
  parse: (t) => ({
    kind: 'StridedSliceOptions',
    beginMask: t.int32(0, 0),
    endMask: t.int32(1, 0),
    ellipsisMask: t.int32(2, 0),
    newAxisMask: t.int32(3, 0),
    shrinkAxisMask: t.int32(4, 0),
    offset: t.bool(5, false),
  }),
  write: (b, o) => {
    b.startObject(6);
    b.addFieldInt32(0, o.beginMask, 0);
    b.addFieldInt32(1, o.endMask, 0);
    b.addFieldInt32(2, o.ellipsisMask, 0);
    b.addFieldInt32(3, o.newAxisMask, 0);
    b.addFieldInt32(4, o.shrinkAxisMask, 0);
    b.addFieldInt8(5, o.offset ? 1 : 0, 0);
    return b.endObject();
  },
};

export const pack: OptionsCodec<PackOptions> = {
  tables: ['PackOptions'],
  parse: (t) => ({ kind: 'PackOptions', valuesCount: t.int32(0, 0), axis: t.int32(1, 0) }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt32(0, o.valuesCount, 0);
    b.addFieldInt32(1, o.axis, 0);
    return b.endObject();
  },
};

export const unpack: OptionsCodec<UnpackOptions> = {
  tables: ['UnpackOptions'],
  parse: (t) => ({ kind: 'UnpackOptions', num: t.int32(0, 0), axis: t.int32(1, 0) }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt32(0, o.num, 0);
    b.addFieldInt32(1, o.axis, 0);
    return b.endObject();
  },
};

export const split: OptionsCodec<SplitOptions> = {
  tables: ['SplitOptions', 'SplitVOptions'],
  parse: (t, table) => ({ kind: table, numSplits: t.int32(0, 0) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt32(0, o.numSplits, 0);
    return b.endObject();
  },
};

export const gather: OptionsCodec<GatherOptions> = {
  tables: ['GatherOptions'],
  parse: (t) => ({ kind: 'GatherOptions', axis: t.int32(0, 0), batchDims: t.int32(1, 0) }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt32(0, o.axis, 0);
    b.addFieldInt32(1, o.batchDims, 0);
    return b.endObject();
  },
};

export const reducer: OptionsCodec<ReducerOptions> = {
  tables: ['ReducerOptions'],
  parse: (t) => ({ kind: 'ReducerOptions', keepDims: t.bool(0, false) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt8(0, o.keepDims ? 1 : 0, 0);
    return b.endObject();
  },
};

/** Fields 0 and 1 (new_height, new_width) are deprecated but keep their slots. */
export const resizeBilinear: OptionsCodec<ResizeBilinearOptions> = {
  tables: ['ResizeBilinearOptions'],
  parse: (t) => ({ kind: 'ResizeBilinearOptions', alignCorners: t.bool(2, false), halfPixelCenters: t.bool(3, false) }),
  write: (b, o) => {
    b.startObject(4);
    b.addFieldInt8(2, o.alignCorners ? 1 : 0, 0);
    b.addFieldInt8(3, o.halfPixelCenters ? 1 : 0, 0);
    return b.endObject();
  },
};

export const resizeNearest: OptionsCodec<ResizeNearestNeighborOptions> = {
  tables: ['ResizeNearestNeighborOptions'],
  parse: (t) => ({
    kind: 'ResizeNearestNeighborOptions',
    alignCorners: t.bool(0, false),
    halfPixelCenters: t.bool(1, false),
  }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt8(0, o.alignCorners ? 1 : 0, 0);
    b.addFieldInt8(1, o.halfPixelCenters ? 1 : 0, 0);
    return b.endObject();
  },
};

export const cast: OptionsCodec<CastOptions> = {
  tables: ['CastOptions'],
  parse: (t) => ({
    kind: 'CastOptions',
    inDataType: dtypeField(t, 0, 'in_data_type'),
    outDataType: dtypeField(t, 1, 'out_data_type'),
  }),
  write: (b, o) => {
    b.startObject(2);
    addDtype(b, 0, o.inDataType);
    addDtype(b, 1, o.outDataType);
    return b.endObject();
  },
};

/** The schema documents int32 as SHAPE's output type when out_type is not given. */
export const shape: OptionsCodec<ShapeOptions> = {
  tables: ['ShapeOptions'],
  parse: (t) => ({ kind: 'ShapeOptions', outType: dtypeField(t, 0, 'out_type') ?? 'int32' }),
  write: (b, o) => {
    b.startObject(1);
    addDtype(b, 0, o.outType);
    return b.endObject();
  },
};

/** output_type defaults to the schema's TensorType 0 (FLOAT32), as TFLite reads it; converters always set it. */
export const argMax: OptionsCodec<ArgMaxOptions> = {
  tables: ['ArgMaxOptions', 'ArgMinOptions'],
  parse: (t, table) => ({ kind: table, outputType: dtypeField(t, 0, 'output_type') ?? 'float32' }),
  write: (b, o) => {
    b.startObject(1);
    addDtype(b, 0, o.outputType);
    return b.endObject();
  },
};
