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
import { addDtype, boolAt, dtypeField, int32At, int32Vector, scalarTableCodec, type OptionsCodec } from './codec.js';

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

export const stridedSlice = scalarTableCodec<StridedSliceOptions>(['StridedSliceOptions'], 6, {
  beginMask: int32At(0, 0),
  endMask: int32At(1, 0),
  ellipsisMask: int32At(2, 0),
  newAxisMask: int32At(3, 0),
  shrinkAxisMask: int32At(4, 0),
  offset: boolAt(5),
});

export const pack = scalarTableCodec<PackOptions>(['PackOptions'], 2, { valuesCount: int32At(0, 0), axis: int32At(1, 0) });

export const unpack = scalarTableCodec<UnpackOptions>(['UnpackOptions'], 2, { num: int32At(0, 0), axis: int32At(1, 0) });

export const split = scalarTableCodec<SplitOptions>(['SplitOptions', 'SplitVOptions'], 1, { numSplits: int32At(0, 0) });

export const gather = scalarTableCodec<GatherOptions>(['GatherOptions'], 2, { axis: int32At(0, 0), batchDims: int32At(1, 0) });

export const reducer = scalarTableCodec<ReducerOptions>(['ReducerOptions'], 1, { keepDims: boolAt(0) });

/** Fields 0 and 1 (new_height, new_width) are deprecated but keep their slots. */
export const resizeBilinear = scalarTableCodec<ResizeBilinearOptions>(['ResizeBilinearOptions'], 4, {
  alignCorners: boolAt(2),
  halfPixelCenters: boolAt(3),
});

export const resizeNearest = scalarTableCodec<ResizeNearestNeighborOptions>(['ResizeNearestNeighborOptions'], 2, {
  alignCorners: boolAt(0),
  halfPixelCenters: boolAt(1),
});

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
