/**
 * Differential tests of the quantized kernels (issue 4) against LiteRT.js: int8, uint8 and int16 models
 * assembled with our builder, with random scales, zero points, per-channel weights, shapes and inputs;
 * plus hybrid (int8-weight) and float16-weight models.
 */
import { defineDifferentialTests } from './harness.js';
import { QUANTIZED_SUITE } from './suites.js';

defineDifferentialTests(QUANTIZED_SUITE.title, QUANTIZED_SUITE.families, QUANTIZED_SUITE.seed);
