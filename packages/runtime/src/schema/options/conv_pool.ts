/** Options of the windowed ops: Conv2D, DepthwiseConv2D, Pool2D and TransposeConv (field ids from schema.fbs). */
import type {
  Conv2DOptions,
  DepthwiseConv2DOptions,
  Pool2DOptions,
  TransposeConvOptions,
} from '../../core/options.js';
import { ACTIVATIONS, PADDINGS } from '../schema_enums.js';
import { enumCode, enumField, type OptionsCodec } from './codec.js';

export const conv2D: OptionsCodec<Conv2DOptions> = {
  tables: ['Conv2DOptions'],
  parse: (t) => ({
    kind: 'Conv2DOptions',
    padding: enumField(t, 0, PADDINGS, 'padding'),
    strideW: t.int32(1, 0),
    strideH: t.int32(2, 0),
    fusedActivation: enumField(t, 3, ACTIVATIONS, 'fused activation'),
    dilationW: t.int32(4, 1),
    dilationH: t.int32(5, 1),
  }),
  write: (b, o) => {
    b.startObject(6);
    b.addFieldInt8(0, enumCode(PADDINGS, o.padding, 'padding'), 0);
    b.addFieldInt32(1, o.strideW, 0);
    b.addFieldInt32(2, o.strideH, 0);
    b.addFieldInt8(3, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    b.addFieldInt32(4, o.dilationW, 1);
    b.addFieldInt32(5, o.dilationH, 1);
    return b.endObject();
  },
};

export const depthwiseConv2D: OptionsCodec<DepthwiseConv2DOptions> = {
  tables: ['DepthwiseConv2DOptions'],
  parse: (t) => ({
    kind: 'DepthwiseConv2DOptions',
    padding: enumField(t, 0, PADDINGS, 'padding'),
    strideW: t.int32(1, 0),
    strideH: t.int32(2, 0),
    depthMultiplier: t.int32(3, 0),
    fusedActivation: enumField(t, 4, ACTIVATIONS, 'fused activation'),
    dilationW: t.int32(5, 1),
    dilationH: t.int32(6, 1),
  }),
  write: (b, o) => {
    b.startObject(7);
    b.addFieldInt8(0, enumCode(PADDINGS, o.padding, 'padding'), 0);
    b.addFieldInt32(1, o.strideW, 0);
    b.addFieldInt32(2, o.strideH, 0);
    b.addFieldInt32(3, o.depthMultiplier, 0);
    b.addFieldInt8(4, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    b.addFieldInt32(5, o.dilationW, 1);
    b.addFieldInt32(6, o.dilationH, 1);
    return b.endObject();
  },
};

export const pool2D: OptionsCodec<Pool2DOptions> = {
  tables: ['Pool2DOptions'],
  parse: (t) => ({
    kind: 'Pool2DOptions',
    padding: enumField(t, 0, PADDINGS, 'padding'),
    strideW: t.int32(1, 0),
    strideH: t.int32(2, 0),
    filterWidth: t.int32(3, 0),
    filterHeight: t.int32(4, 0),
    fusedActivation: enumField(t, 5, ACTIVATIONS, 'fused activation'),
  }),
  write: (b, o) => {
    b.startObject(6);
    b.addFieldInt8(0, enumCode(PADDINGS, o.padding, 'padding'), 0);
    b.addFieldInt32(1, o.strideW, 0);
    b.addFieldInt32(2, o.strideH, 0);
    b.addFieldInt32(3, o.filterWidth, 0);
    b.addFieldInt32(4, o.filterHeight, 0);
    b.addFieldInt8(5, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    return b.endObject();
  },
};

export const transposeConv: OptionsCodec<TransposeConvOptions> = {
  tables: ['TransposeConvOptions'],
  parse: (t) => ({
    kind: 'TransposeConvOptions',
    padding: enumField(t, 0, PADDINGS, 'padding'),
    strideW: t.int32(1, 0),
    strideH: t.int32(2, 0),
    fusedActivation: enumField(t, 3, ACTIVATIONS, 'fused activation'),
  }),
  write: (b, o) => {
    b.startObject(4);
    b.addFieldInt8(0, enumCode(PADDINGS, o.padding, 'padding'), 0);
    b.addFieldInt32(1, o.strideW, 0);
    b.addFieldInt32(2, o.strideH, 0);
    b.addFieldInt8(3, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    return b.endObject();
  },
};
