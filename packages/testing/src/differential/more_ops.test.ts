/**
 * Differential tests of the builtin ops and storage formats added for "runs any .tflite" (sparse and INT4
 * constants, complex/FFT, scatter and segment ops, NMS, 3-D convolutions, bit ops, …) against LiteRT.js, on
 * seeded models assembled with our builder.
 */
import { defineDifferentialTests } from './harness.js';
import { castDtypesFamily } from './more/cast_dtypes.js';
import { complexFftFamily } from './more/complex_fft.js';
import { detectionConv3dFamily } from './more/detection_conv3d.js';
import { indexingOpsFamily } from './more/indexing_ops.js';
import { lookupHashFamily } from './more/lookup_hash_ops.js';
import { shapeBitOpsFamily } from './more/shape_bit_ops.js';
import { mediapipeOpsFamily } from './more/mediapipe_ops.js';
import { sparseInt4Family } from './more/sparse_int4.js';
import { stringOpsFamily } from './more/string_ops.js';

defineDifferentialTests('more builtin ops agree with LiteRT.js', [sparseInt4Family, mediapipeOpsFamily, complexFftFamily, indexingOpsFamily, shapeBitOpsFamily, detectionConv3dFamily, lookupHashFamily, stringOpsFamily, castDtypesFamily], 20261211);
