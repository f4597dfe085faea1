/**
 * Differential tests of the float32 kernels (issue 2) against LiteRT.js, on models assembled with our
 * builder from seeded random shapes, weights and inputs.
 */
import { floatBinaryFamily } from './families/float_binary.js';
import { floatConvFamily } from './families/float_conv.js';
import { floatDenseFamily } from './families/float_dense.js';
import { floatElementwiseFamily } from './families/float_elementwise.js';
import { floatLayoutFamily } from './families/float_layout.js';
import { floatPoolFamily } from './families/float_pool.js';
import { floatResizeDequantizeFamily } from './families/float_resize_dequantize.js';
import { defineDifferentialTests } from './harness.js';

defineDifferentialTests(
  'float32 kernels agree with LiteRT.js',
  [
    floatConvFamily,
    floatDenseFamily,
    floatPoolFamily,
    floatElementwiseFamily,
    floatBinaryFamily,
    floatLayoutFamily,
    floatResizeDequantizeFamily,
  ],
  20261127,
);
