/**
 * Options of DEPTH_TO_SPACE / SPACE_TO_DEPTH (block_size, field 0), MIRROR_PAD (mode, field 0: REFLECT = 0,
 * SYMMETRIC = 1), LOCAL_RESPONSE_NORMALIZATION (radius, bias, alpha, beta: fields 0–3) and GELU
 * (approximate, field 0), ONE_HOT (axis, field 0) and CUMSUM (exclusive, reverse: fields 0–1), with the
 * schema's defaults.
 */
import type {
  BlockSizeOptions, CumsumOptions, GeluOptions, LocalResponseNormalizationOptions, MirrorPadOptions, OneHotOptions,
} from '../../core/options.js';
import { boolAt, enumAt, float32At, int32At, scalarTableCodec } from './codec.js';

const MIRROR_PAD_MODES = ['REFLECT', 'SYMMETRIC'] as const;

export const blockSize = scalarTableCodec<BlockSizeOptions>(['DepthToSpaceOptions', 'SpaceToDepthOptions'], 1, {
  blockSize: int32At(0, 0),
});

export const mirrorPad = scalarTableCodec<MirrorPadOptions>(['MirrorPadOptions'], 1, {
  mode: enumAt(0, MIRROR_PAD_MODES, 'mirror pad mode', 'mirror pad mode'),
});

export const localResponseNormalization = scalarTableCodec<LocalResponseNormalizationOptions>(
  ['LocalResponseNormalizationOptions'], 4,
  { radius: int32At(0, 0), bias: float32At(1, 0), alpha: float32At(2, 0), beta: float32At(3, 0) },
);

export const gelu = scalarTableCodec<GeluOptions>(['GeluOptions'], 1, { approximate: boolAt(0) });

export const oneHot = scalarTableCodec<OneHotOptions>(['OneHotOptions'], 1, { axis: int32At(0, 0) });

export const cumsum = scalarTableCodec<CumsumOptions>(['CumsumOptions'], 2, { exclusive: boolAt(0), reverse: boolAt(1) });
