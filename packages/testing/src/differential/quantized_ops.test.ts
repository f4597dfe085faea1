/**
 * Differential tests of the quantized kernels (issue 4) against LiteRT.js: int8, uint8 and int16 models
 * assembled with our builder, with random scales, zero points, per-channel weights, shapes and inputs;
 * plus hybrid (int8-weight) and float16-weight models.
 */
import { hybridFamily } from './families/hybrid.js';
import { quantArithFamily } from './families/quant_arith.js';
import { quantConvFamily } from './families/quant_conv.js';
import { quantConvertFamily } from './families/quant_convert.js';
import { quantElementwiseFamily } from './families/quant_elementwise.js';
import { quantLayoutFamily } from './families/quant_layout.js';
import { defineDifferentialTests } from './harness.js';

defineDifferentialTests(
  'quantized kernels agree with LiteRT.js',
  [quantConvFamily, quantElementwiseFamily, quantArithFamily, quantConvertFamily, quantLayoutFamily, hybridFamily],
  20261127,
);
