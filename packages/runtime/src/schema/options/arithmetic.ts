/**
 * Options of the arithmetic and dense ops: ADD/SUB/MUL/DIV, CONCATENATION, FULLY_CONNECTED, SOFTMAX,
 * LEAKY_RELU and BATCH_MATMUL (field ids and defaults from schema.fbs).
 */
import type {
  ArithmeticOptions,
  BatchMatMulOptions,
  ConcatenationOptions,
  FullyConnectedOptions,
  LeakyReluOptions,
  SoftmaxOptions,
} from '../../core/options.js';
import { ACTIVATIONS, WEIGHTS_FORMATS } from '../schema_enums.js';
import { enumCode, enumField, type OptionsCodec } from './codec.js';

/** AddOptions and SubOptions carry pot_scale_int16 (field 1, default true); MulOptions and DivOptions do not. */
const HAS_POT_SCALE: ReadonlySet<string> = new Set(['AddOptions', 'SubOptions']);

export const arithmetic: OptionsCodec<ArithmeticOptions> = {
  tables: ['AddOptions', 'SubOptions', 'MulOptions', 'DivOptions'],
  parse: (t, table) => ({
    kind: table,
    fusedActivation: enumField(t, 0, ACTIVATIONS, 'fused activation'),
    potScaleInt16: HAS_POT_SCALE.has(table) ? t.bool(1, true) : true,
  }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt8(0, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    if (HAS_POT_SCALE.has(o.kind)) b.addFieldInt8(1, o.potScaleInt16 ? 1 : 0, 1);
    return b.endObject();
  },
};

export const concatenation: OptionsCodec<ConcatenationOptions> = {
  tables: ['ConcatenationOptions'],
  parse: (t) => ({
    kind: 'ConcatenationOptions',
    axis: t.int32(0, 0),
    fusedActivation: enumField(t, 1, ACTIVATIONS, 'fused activation'),
  }),
  write: (b, o) => {
    b.startObject(2);
    b.addFieldInt32(0, o.axis, 0);
    b.addFieldInt8(1, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    return b.endObject();
  },
};

export const fullyConnected: OptionsCodec<FullyConnectedOptions> = {
  tables: ['FullyConnectedOptions'],
  parse: (t) => ({
    kind: 'FullyConnectedOptions',
    fusedActivation: enumField(t, 0, ACTIVATIONS, 'fused activation'),
    weightsFormat: enumField(t, 1, WEIGHTS_FORMATS, 'weights format'),
    keepNumDims: t.bool(2, false),
    asymmetricQuantizeInputs: t.bool(3, false),
  }),
  write: (b, o) => {
    b.startObject(4);
    b.addFieldInt8(0, enumCode(ACTIVATIONS, o.fusedActivation, 'activation'), 0);
    b.addFieldInt8(1, enumCode(WEIGHTS_FORMATS, o.weightsFormat, 'weights format'), 0);
    b.addFieldInt8(2, o.keepNumDims ? 1 : 0, 0);
    b.addFieldInt8(3, o.asymmetricQuantizeInputs ? 1 : 0, 0);
    return b.endObject();
  },
};

/** The schema's default beta is 0; converters always write it, so the builder does too. */
export const softmax: OptionsCodec<SoftmaxOptions> = {
  tables: ['SoftmaxOptions'],
  parse: (t) => ({ kind: 'SoftmaxOptions', beta: t.float32(0, 0) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldFloat32(0, o.beta, null);
    return b.endObject();
  },
};

export const leakyRelu: OptionsCodec<LeakyReluOptions> = {
  tables: ['LeakyReluOptions'],
  parse: (t) => ({ kind: 'LeakyReluOptions', alpha: t.float32(0, 0) }),
  write: (b, o) => {
    b.startObject(1);
    b.addFieldFloat32(0, o.alpha, null);
    return b.endObject();
  },
};

export const batchMatMul: OptionsCodec<BatchMatMulOptions> = {
  tables: ['BatchMatMulOptions'],
  parse: (t) => ({
    kind: 'BatchMatMulOptions',
    adjX: t.bool(0, false),
    adjY: t.bool(1, false),
    asymmetricQuantizeInputs: t.bool(2, false),
  }),
  write: (b, o) => {
    b.startObject(3);
    b.addFieldInt8(0, o.adjX ? 1 : 0, 0);
    b.addFieldInt8(1, o.adjY ? 1 : 0, 0);
    b.addFieldInt8(2, o.asymmetricQuantizeInputs ? 1 : 0, 0);
    return b.endObject();
  },
};
