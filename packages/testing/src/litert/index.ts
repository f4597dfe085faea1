/** LiteRT.js as a test oracle, and the corpus tolerances for comparing against it. */
export { LiteRtOracle, LiteRtOracleError, type OracleStage } from './oracle.js';
export { bytesOf, describeTensor, identicalTensors, typedFromBytes, type HostTensor } from './host_tensor.js';
export {
  EXACT,
  FLOAT_TOLERANCE,
  QUANTIZED_TOLERANCE,
  SOFTMAX_QUANTIZED_TOLERANCE,
  allowedDiff,
  compareArgmax,
  compareTensors,
  coordsOf,
  isClassifierOutput,
  toleranceFor,
  type Mismatch,
  type Tolerance,
} from './compare.js';
