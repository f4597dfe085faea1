/** Options of the windowed ops: Conv2D, DepthwiseConv2D, Pool2D and TransposeConv (field ids from schema.fbs). */
import type {
  Conv2DOptions,
  DepthwiseConv2DOptions,
  Pool2DOptions,
  TransposeConvOptions,
} from '../../core/options.js';
import { PADDINGS } from '../schema_enums.js';
import { activationAt, enumAt, int32At, scalarTableCodec } from './codec.js';

/** Every windowed table starts with padding (field 0), stride_w (1) and stride_h (2). */
const padding = enumAt(0, PADDINGS, 'padding', 'padding');
const strideW = int32At(1, 0);
const strideH = int32At(2, 0);

export const conv2D = scalarTableCodec<Conv2DOptions>(['Conv2DOptions'], 6, {
  padding, strideW, strideH,
  fusedActivation: activationAt(3),
  dilationW: int32At(4, 1),
  dilationH: int32At(5, 1),
});

export const depthwiseConv2D = scalarTableCodec<DepthwiseConv2DOptions>(['DepthwiseConv2DOptions'], 7, {
    padding, strideW, strideH,
    depthMultiplier: int32At(3, 0),
    fusedActivation: activationAt(4),
    dilationW: int32At(5, 1),
    dilationH: int32At(6, 1),
  },
);

export const pool2D = scalarTableCodec<Pool2DOptions>(['Pool2DOptions'], 6, {
  padding, strideW, strideH,
  filterWidth: int32At(3, 0),
  filterHeight: int32At(4, 0),
  fusedActivation: activationAt(5),
});

export const transposeConv = scalarTableCodec<TransposeConvOptions>(['TransposeConvOptions'], 4, { padding, strideW, strideH, fusedActivation: activationAt(3) },
);
