/**
 * The differential suites, in one place: each test file runs its suite, and the operator table
 * (scripts/op-table.mjs) reads the same cases to list which op and dtype combinations are checked against a
 * reference engine (LiteRT.js, or tfjs-tflite for what LiteRT.js cannot run).
 */
import type { DiffFamily } from './case_builder.js';
import { controlFlowFamily, resourceVariablesFamily } from './families/control_flow.js';
import { dynamicShapesFamily } from './families/dynamic_shapes.js';
import { unidirectionalLstmFamily } from './families/recurrent_lstm.js';
import { lstm8x8_8Family } from './families/recurrent_lstm_8x8_8.js';
import { lstmBasicFamily } from './families/recurrent_lstm_basic.js';
import { lstmFamily, rnnFamily } from './families/recurrent_more.js';
import { svdfFamily } from './families/recurrent_svdf.js';
import { extraElementwiseFamily } from './extra_elementwise.js';
import { extraLayoutFamily } from './extra_layout.js';
import { extraLogicFamily } from './extra_logic.js';
import { extraMiscFamily } from './extra_misc.js';
import { extraTransposeConvFamily } from './extra_transpose_conv.js';
import { floatBinaryFamily } from './families/float_binary.js';
import { floatConvFamily } from './families/float_conv.js';
import { floatDenseFamily } from './families/float_dense.js';
import { floatElementwiseFamily } from './families/float_elementwise.js';
import { floatLayoutFamily } from './families/float_layout.js';
import { floatPoolFamily } from './families/float_pool.js';
import { floatResizeDequantizeFamily } from './families/float_resize_dequantize.js';
import { hybridFamily } from './families/hybrid.js';
import { quantArithFamily } from './families/quant_arith.js';
import { quantConvFamily } from './families/quant_conv.js';
import { quantConvertFamily } from './families/quant_convert.js';
import { quantElementwiseFamily } from './families/quant_elementwise.js';
import { quantLayoutFamily } from './families/quant_layout.js';
import { hybridVariantsFamily } from './hybrid_variants.js';
import { int16ActivationsFamily } from './int16_activations.js';
import { castDtypesFamily } from './more/cast_dtypes.js';
import { complexFftFamily } from './more/complex_fft.js';
import { detectionConv3dFamily } from './more/detection_conv3d.js';
import { dynamicSizesFamily } from './more/dynamic_sizes.js';
import { indexingOpsFamily } from './more/indexing_ops.js';
import { hashtablesFamily } from './more/hashtables.js';
import { lookupHashFamily } from './more/lookup_hash_ops.js';
import { mediapipeOpsFamily } from './more/mediapipe_ops.js';
import { randomOpsFamily } from './more/random_ops.js';
import { shapeBitOpsFamily } from './more/shape_bit_ops.js';
import { sparseInt4Family } from './more/sparse_int4.js';
import { stringOpsFamily } from './more/string_ops.js';
import type { OracleName } from './oracles.js';
import { quantizedLayoutEdgesFamily } from './quantized_layout.js';

export interface DifferentialSuite {
  readonly title: string;
  readonly families: readonly DiffFamily[];
  readonly seed: number;
  /** The reference engine; LiteRT.js when absent. */
  readonly oracle?: OracleName;
}

export const FLOAT_SUITE: DifferentialSuite = {
  title: 'float32 kernels agree with LiteRT.js',
  families: [
    floatConvFamily, floatDenseFamily, floatPoolFamily, floatElementwiseFamily, floatBinaryFamily, floatLayoutFamily,
    floatResizeDequantizeFamily,
  ],
  seed: 20261127,
};

export const EXTRA_SUITE: DifferentialSuite = {
  title: 'extra ops agree with LiteRT.js',
  families: [extraTransposeConvFamily, extraElementwiseFamily, extraLogicFamily, extraLayoutFamily, extraMiscFamily],
  seed: 20261127,
};

export const QUANTIZED_SUITE: DifferentialSuite = {
  title: 'quantized kernels agree with LiteRT.js',
  families: [quantConvFamily, quantElementwiseFamily, quantArithFamily, quantConvertFamily, quantLayoutFamily, hybridFamily],
  seed: 20261127,
};

export const QUANTIZED_LAYOUT_SUITE: DifferentialSuite = {
  title: 'quantized layout ops agree with LiteRT.js',
  families: [quantizedLayoutEdgesFamily],
  seed: 20261127,
};

export const QUANTIZED_EXTRA_SUITE: DifferentialSuite = {
  title: 'int16 activations and hybrid variants agree with LiteRT.js',
  families: [int16ActivationsFamily, hybridVariantsFamily],
  seed: 20261127,
};

export const MORE_SUITE: DifferentialSuite = {
  title: 'more builtin ops agree with LiteRT.js',
  families: [
    sparseInt4Family, mediapipeOpsFamily, complexFftFamily, indexingOpsFamily, shapeBitOpsFamily, detectionConv3dFamily,
    lookupHashFamily, stringOpsFamily, castDtypesFamily, hashtablesFamily,
  ],
  seed: 20261211,
};

/** Compared over several invokes of one model (more_random.test.ts). */
export const RANDOM_SUITE: DifferentialSuite = {
  title: 'random ops follow TFLite\'s seeded Philox stream across invokes (LiteRT.js)',
  families: [randomOpsFamily],
  seed: 811,
};

/** LiteRT.js pre-sizes outputs, so it checks only the control flow whose shapes stay fixed. */
const staticControlFlowFamily: DiffFamily = {
  name: 'control flow with static shapes',
  cases: (seed) => controlFlowFamily.cases(seed).filter((c) => !c.name.includes('grows')),
};

export const CONTROL_FLOW_SUITE: DifferentialSuite = {
  title: 'control flow agrees with LiteRT.js',
  families: [staticControlFlowFamily],
  seed: 20261202,
};

export const DYNAMIC_SUITE: DifferentialSuite = {
  title: 'dynamic shapes, control flow and resource variables agree with tfjs-tflite',
  families: [dynamicShapesFamily, controlFlowFamily, resourceVariablesFamily],
  seed: 20261202,
  oracle: 'tfjs-tflite',
};

export const RECURRENT_SUITE: DifferentialSuite = {
  title: 'recurrent kernels agree with tfjs-tflite',
  families: [unidirectionalLstmFamily, lstmFamily, lstmBasicFamily, lstm8x8_8Family, svdfFamily, rnnFamily],
  seed: 20261202,
  oracle: 'tfjs-tflite',
};

/** The new ops' run-time-sized outputs: LiteRT.js refuses dynamic outputs, tfjs-tflite runs them. */
export const MORE_DYNAMIC_SUITE: DifferentialSuite = {
  title: 'run-time output sizes of the new ops agree with tfjs-tflite',
  families: [dynamicSizesFamily],
  seed: 20261211,
  oracle: 'tfjs-tflite',
};

export const DIFFERENTIAL_SUITES: readonly DifferentialSuite[] = [
  FLOAT_SUITE, EXTRA_SUITE, QUANTIZED_SUITE, QUANTIZED_LAYOUT_SUITE, QUANTIZED_EXTRA_SUITE, MORE_SUITE, RANDOM_SUITE,
  CONTROL_FLOW_SUITE, DYNAMIC_SUITE, RECURRENT_SUITE, MORE_DYNAMIC_SUITE,
];
