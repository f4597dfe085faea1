/** tfjs-tflite as a second test oracle: for models LiteRT.js refuses (variable tensors: LSTM, SVDF state). */
export { TfjsTfliteOracle, TfjsTfliteOracleError, type TfjsTfliteStage } from './oracle.js';
