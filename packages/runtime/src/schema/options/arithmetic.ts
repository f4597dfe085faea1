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
import { WEIGHTS_FORMATS } from '../schema_enums.js';
import { activationAt, boolAt, enumAt, float32At, int32At, scalarTableCodec, type OptionsCodec } from './codec.js';

/** AddOptions and SubOptions carry pot_scale_int16 (field 1, default true); MulOptions and DivOptions do not. */
const HAS_POT_SCALE: ReadonlySet<string> = new Set(['AddOptions', 'SubOptions']);
const arithmeticActivation = activationAt(0);

export const arithmetic: OptionsCodec<ArithmeticOptions> = {
  tables: ['AddOptions', 'SubOptions', 'MulOptions', 'DivOptions'],
  parse: (t, table) => ({
    kind: table,
    fusedActivation: arithmeticActivation.read(t),
    potScaleInt16: HAS_POT_SCALE.has(table) ? t.bool(1, true) : true,
  }),
  write: (b, o) => {
    b.startObject(2);
    arithmeticActivation.write(b, o.fusedActivation);
    if (HAS_POT_SCALE.has(o.kind)) b.addFieldInt8(1, o.potScaleInt16 ? 1 : 0, 1);
    return b.endObject();
  },
};

export const concatenation = scalarTableCodec<ConcatenationOptions>(['ConcatenationOptions'], 2, {
  axis: int32At(0, 0),
  fusedActivation: activationAt(1),
});

export const fullyConnected = scalarTableCodec<FullyConnectedOptions>(['FullyConnectedOptions'], 4, {
  fusedActivation: activationAt(0),
  weightsFormat: enumAt(1, WEIGHTS_FORMATS, 'weights format', 'weights format'),
  keepNumDims: boolAt(2),
  asymmetricQuantizeInputs: boolAt(3),
});

/** The schema's default beta is 0; converters always write it, so the builder does too. */
export const softmax = scalarTableCodec<SoftmaxOptions>(['SoftmaxOptions'], 1, { beta: float32At(0, 0, null) });

export const leakyRelu = scalarTableCodec<LeakyReluOptions>(['LeakyReluOptions'], 1, { alpha: float32At(0, 0, null) });

export const batchMatMul = scalarTableCodec<BatchMatMulOptions>(['BatchMatMulOptions'], 3, {
  adjX: boolAt(0),
  adjY: boolAt(1),
  asymmetricQuantizeInputs: boolAt(2),
});
