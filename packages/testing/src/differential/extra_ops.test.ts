/**
 * Differential tests of the extra builtin ops (TRANSPOSE_CONV, element-wise math, comparisons, reductions,
 * layout, pooling and indexing ops, quantized resizing) against LiteRT.js, on seeded models assembled with
 * our builder.
 */
import { extraElementwiseFamily } from './extra_elementwise.js';
import { extraLayoutFamily } from './extra_layout.js';
import { extraLogicFamily } from './extra_logic.js';
import { extraMiscFamily } from './extra_misc.js';
import { extraTransposeConvFamily } from './extra_transpose_conv.js';
import { defineDifferentialTests } from './harness.js';

defineDifferentialTests(
  'extra ops agree with LiteRT.js',
  [extraTransposeConvFamily, extraElementwiseFamily, extraLogicFamily, extraLayoutFamily, extraMiscFamily],
  20261127,
);
