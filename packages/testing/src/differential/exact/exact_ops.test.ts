/**
 * Bit-exact differential tests against LiteRT.js: the integer and hybrid arithmetic of each kernel on
 * inputs built to hit rounding ties and saturation (every input code, power-of-two scale ratios), plus
 * layers shaped like the published models'. Every output must equal LiteRT.js's exactly.
 */
import { defineDifferentialTests } from '../harness.js';
import { exactBinaryFamily } from './binary.js';
import { exactAuditGapsFamily } from './audit_gaps.js';
import { exactFloatOrderFamily } from './float_order.js';
import { exactHybridFamily } from './hybrid.js';
import { exactPoolReduceFamily } from './pool_reduce.js';
import { exactQuantizeFamily } from './quantize.js';
import { exactResampleFamily } from './resample.js';
import { exactSoftmaxFamily } from './softmax.js';
import { exactUnaryFamily } from './unary.js';
import { exactWeightedFamily } from './weighted.js';

defineDifferentialTests('integer arithmetic agrees with LiteRT.js bit for bit', [exactWeightedFamily, exactUnaryFamily, exactBinaryFamily, exactPoolReduceFamily, exactSoftmaxFamily, exactQuantizeFamily, exactResampleFamily, exactHybridFamily, exactFloatOrderFamily, exactAuditGapsFamily], 20261201);
