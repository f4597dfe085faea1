/**
 * Differential tests against LiteRT.js for the gaps issue 4 left: int16 LOGISTIC / TANH on every input
 * value at the scales of each TFLite path, and the hybrid / float16-weight variants.
 */
import { defineDifferentialTests } from './harness.js';
import { QUANTIZED_EXTRA_SUITE } from './suites.js';

defineDifferentialTests(QUANTIZED_EXTRA_SUITE.title, QUANTIZED_EXTRA_SUITE.families, QUANTIZED_EXTRA_SUITE.seed);
