/** Run-time output sizes of the ops added for "runs any .tflite", against tfjs-tflite (see more/dynamic_sizes.ts). */
import { defineDifferentialTests } from './harness.js';
import { MORE_DYNAMIC_SUITE as S } from './suites.js';

defineDifferentialTests(S.title, S.families, S.seed, { oracle: S.oracle });
