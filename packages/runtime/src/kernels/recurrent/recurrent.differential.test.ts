/**
 * The recurrent kernels against tfjs-tflite (TFLite's own kernels in wasm; LiteRT.js refuses variable
 * tensors), on models built with our ModelBuilder. Each case invokes one loaded model three times, so the
 * state kept in variable tensors between invokes is compared as well as every output.
 */
import { defineDifferentialTests, RECURRENT_SUITE as S } from '@tflite-lambda/testing/differential';

defineDifferentialTests(S.title, S.families, S.seed, { oracle: S.oracle });
