/**
 * Options of DEPTH_TO_SPACE / SPACE_TO_DEPTH (block_size, field 0), MIRROR_PAD (mode, field 0: REFLECT = 0,
 * SYMMETRIC = 1), LOCAL_RESPONSE_NORMALIZATION (radius, bias, alpha, beta: fields 0–3) and GELU
 * (approximate, field 0), ONE_HOT (axis, field 0) and CUMSUM (exclusive, reverse: fields 0–1), with the
 * schema's defaults.
 */
import type {
  BlockSizeOptions, CumsumOptions, GeluOptions, LocalResponseNormalizationOptions, MirrorPadOptions, OneHotOptions,
} from '../../core/options.js';
import { enumCode, enumField, type OptionsCodec } from './codec.js';

const MIRROR_PAD_MODES = ['REFLECT', 'SYMMETRIC'] as const;

export const blockSize: OptionsCodec<BlockSizeOptions> = {
  tables: ['DepthToSpaceOptions', 'SpaceToDepthOptions'],
  parse: (t, table) => ({ kind: table, blockSize: t.int32(0, 0) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt32(0, o.blockSize, 0);
    return b.endObject();
  },
};

export const mirrorPad: OptionsCodec<MirrorPadOptions> = {
  tables: ['MirrorPadOptions'],
  parse: (t) => ({ kind: 'MirrorPadOptions', mode: enumField(t, 0, MIRROR_PAD_MODES, 'mirror pad mode') }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt8(0, enumCode(MIRROR_PAD_MODES, o.mode, 'mirror pad mode'), 0);
    return b.endObject();
  },
};

export const localResponseNormalization: OptionsCodec<LocalResponseNormalizationOptions> = {
  tables: ['LocalResponseNormalizationOptions'],
  parse: (t) => ({
    kind: 'LocalResponseNormalizationOptions',
    radius: t.int32(0, 0),
    bias: t.float32(1, 0),
    alpha: t.float32(2, 0),
    beta: t.float32(3, 0),
  }),
  write: (b, o) => {
    b.startObject(4);
    b.addFieldInt32(0, o.radius, 0);
    b.addFieldFloat32(1, o.bias, 0);
    b.addFieldFloat32(2, o.alpha, 0);
    b.addFieldFloat32(3, o.beta, 0);
    return b.endObject();
  },
};

export const gelu: OptionsCodec<GeluOptions> = {
  tables: ['GeluOptions'],
  parse: (t) => ({ kind: 'GeluOptions', approximate: t.bool(0, false) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt8(0, o.approximate ? 1 : 0, 0);
    return b.endObject();
  },
};

export const oneHot: OptionsCodec<OneHotOptions> = {
  tables: ['OneHotOptions'],
  parse: (t) => ({ kind: 'OneHotOptions', axis: t.int32(0, 0) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt32(0, o.axis, 0);
    return b.endObject();
  },
};

export const cumsum: OptionsCodec<CumsumOptions> = {
  tables: ['CumsumOptions'],
  parse: (t) => ({ kind: 'CumsumOptions', exclusive: t.bool(0, false), reverse: t.bool(1, false) }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt8(0, o.exclusive ? 1 : 0, 0);
    b.addFieldInt8(1, o.reverse ? 1 : 0, 0);
    return b.endObject();
  },
};
