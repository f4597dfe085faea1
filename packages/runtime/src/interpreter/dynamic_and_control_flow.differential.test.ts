/**
 * Dynamic tensors, control flow and resource variables against the reference engines, on models built with
 * our ModelBuilder. LiteRT.js checks IF and the fixed-shape WHILE (it pre-sizes outputs, so it refuses dynamic
 * ones); tfjs-tflite (TFLite's own interpreter) checks everything, including the resource-variable counter over
 * three invokes of one model.
 */
import { CONTROL_FLOW_SUITE, defineDifferentialTests, DYNAMIC_SUITE } from '@tflite-lambda/testing/differential';

for (const S of [CONTROL_FLOW_SUITE, DYNAMIC_SUITE]) defineDifferentialTests(S.title, S.families, S.seed, { oracle: S.oracle });
