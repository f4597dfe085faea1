/**
 * Differential tests of the extra builtin ops (TRANSPOSE_CONV, element-wise math, comparisons, reductions,
 * layout, pooling and indexing ops, quantized resizing) against LiteRT.js, on seeded models assembled with
 * our builder.
 */
import { defineDifferentialTests } from './harness.js';
import { EXTRA_SUITE } from './suites.js';

defineDifferentialTests(EXTRA_SUITE.title, EXTRA_SUITE.families, EXTRA_SUITE.seed);
