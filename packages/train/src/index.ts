/**
 * @tflite-lambda/train — train image classifiers with TensorFlow.js (AutoKeras-style search) and convert
 * TF.js LayersModels to .tflite. Training-only: nothing in the runtime or serving packages imports this.
 */
export { readIdx, IdxFormatError, type IdxArray } from './data/idx.js';
export { loadMnist, mnistDataDir, type MnistSplit } from './data/mnist.js';
export { DatasetError, loadImageFolder, type ImageFolderOptions } from './data/image_folder.js';
export { subset, splitValidation, permutation, floatImages, imageSize, type ImageDataset } from './data/dataset.js';
export { ImageClassifier, type ImageClassifierOptions, type FitOptions } from './autokeras/image_classifier.js';
export { AUTOKERAS_FIRST_TRIAL, sampleHyperparameters, seededRandom, type Hyperparameters } from './autokeras/hyperparameters.js';
export { DEEP_TRIAL, FAST_TRIAL, PRESETS, PRESET_LR_SCHEDULES, isPresetName, type PresetName } from './autokeras/presets.js';
export { DEFAULT_LR_SCHEDULE, GENTLE_LR_SCHEDULE, nextLearningRate, type LrSchedule } from './autokeras/lr_schedule.js';
export { Normalization, registerNormalizationLayer, computeImageStats } from './autokeras/normalization.js';
export { SeededDropout, registerSeededDropoutLayer } from './autokeras/seeded_dropout.js';
export { buildModel, type ModelSpec } from './autokeras/build_model.js';
export { formatTrialTable, type TrialRecord, type EpochRecord } from './autokeras/trial_log.js';
export { trainingCurvesSvg } from './autokeras/curves_svg.js';
export { convertLayersModel, convertLayersModelWithReport, modelInputSpecs, modelToIr, type Conversion, type ConvertOptions } from './convert/convert.js';
export { QUANTIZE_MODES, isIntegerMode, type QuantizeMode } from './convert/emit.js';
export { formatQuantReport, type QuantReport, type TensorError } from './convert/quant_report.js';
export { loadCalibrationSamples, DEFAULT_CALIBRATION_LIMIT, type CalibrationSourceOptions } from './convert/calibration/sources.js';
export type { PixelNormalization } from './convert/calibration/image_samples.js';
export { readNpy, type NpyArray } from './convert/calibration/npy.js';
export { withConversionMetadata, hasMetadata, LABELS_FILE, type ConversionMetadata } from './convert/model_metadata.js';
export type { CalibrationSample, InputSpec } from './convert/calibration/samples.js';
export { ConversionError } from './convert/read_layers.js';
export { fileLoader, fileSaver, loadModelFile } from './convert/file_io.js';
export { registerFastKernels, unregisterFastKernels, stockKernel, fastKernelNames, type FastKernelOptions } from './kernels/register.js';
export { setGemmImpl, gemmImpl, type GemmImpl } from './compute/gemm_select.js';
export { sgemm, rowMajor, transposed, type MatView } from './compute/sgemm.js';
export { conv2dForward, conv2dBackpropFilter, conv2dBackpropInput, type ConvGeometry } from './compute/conv.js';
export { runTrainPipeline, type TrainPipelineOptions, type PipelineMetrics } from './pipeline/train_pipeline.js';
export { evaluateTflite, agreement } from './pipeline/evaluate_tflite.js';
export { setupTraining } from './backend.js';
