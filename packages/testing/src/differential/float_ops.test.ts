/**
 * Differential tests of the float32 kernels (issue 2) against LiteRT.js, on models assembled with our
 * builder from seeded random shapes, weights and inputs.
 */
import { defineDifferentialTests } from './harness.js';
import { FLOAT_SUITE } from './suites.js';

defineDifferentialTests(FLOAT_SUITE.title, FLOAT_SUITE.families, FLOAT_SUITE.seed);
