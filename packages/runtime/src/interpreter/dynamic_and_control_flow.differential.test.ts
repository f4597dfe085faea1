/**
 * Dynamic tensors, control flow and resource variables against the reference engines, on models built with
 * our ModelBuilder. LiteRT.js checks IF and the fixed-shape WHILE (it pre-sizes outputs, so it refuses dynamic
 * ones); tfjs-tflite (TFLite's own interpreter) checks everything, including the resource-variable counter over
 * three invokes of one model.
 */
import {
  controlFlowFamily, defineDifferentialTests, dynamicShapesFamily, resourceVariablesFamily, type DiffFamily,
} from '@tflite-lambda/testing/differential';

const staticControlFlow: DiffFamily = {
  name: 'control flow with static shapes',
  cases: (seed) => controlFlowFamily.cases(seed).filter((c) => !c.name.includes('grows')),
};

defineDifferentialTests('control flow agrees with LiteRT.js', [staticControlFlow], 20261202);
defineDifferentialTests(
  'dynamic shapes, control flow and resource variables agree with tfjs-tflite',
  [dynamicShapesFamily, controlFlowFamily, resourceVariablesFamily],
  20261202,
  { oracle: 'tfjs-tflite' },
);
