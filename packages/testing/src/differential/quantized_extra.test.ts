/**
 * Differential tests against LiteRT.js for the gaps issue 4 left: int16 LOGISTIC / TANH on every input
 * value at the scales of each TFLite path, and the hybrid / float16-weight variants.
 */
import { defineDifferentialTests } from './harness.js';
import { hybridVariantsFamily } from './hybrid_variants.js';
import { int16ActivationsFamily } from './int16_activations.js';

defineDifferentialTests('int16 activations and hybrid variants agree with LiteRT.js', [int16ActivationsFamily, hybridVariantsFamily], 20261127);
