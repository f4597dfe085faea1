/** Models as the HTTP core serves them: loading one or a directory, tasks and raw tensors. */
export { loadServedModel, checkModelName, taskOf, type ModelConfig, type TaskOptions } from './load_model.js';
export { loadModelDirectory } from './model_directory.js';
export { TensorEndpoint, type TensorSpec, type TensorValue } from './tensor_endpoint.js';
export type {
  ServedModel,
  ServingTask,
  TensorRunner,
  ImageClassifyTask,
  DetectTask,
  SegmentTask,
  EmbedTask,
  AudioTask,
  TextTask,
} from './served_model.js';
export { taskKindOf } from './served_model.js';
