/**
 * Differential tests of the builtin ops and storage formats added for "runs any .tflite" (sparse and INT4
 * constants, complex/FFT, scatter and segment ops, NMS, 3-D convolutions, bit ops, …) against LiteRT.js, on
 * seeded models assembled with our builder.
 */
import { defineDifferentialTests } from './harness.js';
import { MORE_SUITE } from './suites.js';

defineDifferentialTests(MORE_SUITE.title, MORE_SUITE.families, MORE_SUITE.seed);
