/**
 * Which task fits a model, from what it carries (`--task auto`): metadata first — an audio input, a
 * tokenizer — then the graph and the tensors: TFLite_Detection_PostProcess outputs make a detector, an image
 * input with a spatial per-class output a segmenter, with one vector per output an embedder when the output
 * is named as one, else a classifier. Null when nothing fits; such a model is still served as raw tensors.
 */
import type { TensorDetails } from '@tflite-lambda/runtime';
import type { TaskModel } from './core/task_model.js';
import { DETECTION_POSTPROCESS } from './vision/detection_outputs.js';

export type TaskKind = 'classify' | 'detect' | 'segment' | 'embed' | 'audio' | 'text';
export const TASK_KINDS: readonly TaskKind[] = ['classify', 'detect', 'segment', 'embed', 'audio', 'text'];

function isImageInput(d: TensorDetails): boolean {
  const s = d.shape;
  const dtypeOk = d.dtype === 'float32' || d.dtype === 'uint8' || d.dtype === 'int8';
  return dtypeOk && s[0] === 1 && (s.length === 3 || (s.length === 4 && (s[3] === 1 || s[3] === 3))) && s[1] > 1 && s[2] > 1;
}

function isVector(d: TensorDetails): boolean {
  return d.shape.length >= 1 && d.shape.slice(0, -1).every((x) => x === 1);
}

function isSpatial(d: TensorDetails): boolean {
  return d.shape[0] === 1 && (d.shape.length === 4 || d.shape.length === 3) && d.shape[1] > 1 && d.shape[2] > 1;
}

export function inferTask(model: TaskModel): TaskKind | null {
  const input = model.inputMetadata(0);
  if (input?.content?.properties?.kind === 'audio') return 'audio';
  const units = [...(input?.processUnits ?? []), ...(model.metadata?.subgraphMetadata?.[0]?.inputProcessUnits ?? [])];
  if (units.some((u) => u.kind === 'regexTokenizer' || u.kind === 'bertTokenizer' || u.kind === 'sentencePieceTokenizer')) return 'text';
  if (model.graph.customOp(DETECTION_POSTPROCESS) !== null) return 'detect';
  if (model.inputs.length !== 1 || !isImageInput(model.inputs[0])) return null;
  if (model.outputs.length === 1 && isSpatial(model.outputs[0])) return 'segment';
  if (!model.outputs.every(isVector)) return null;
  const names = model.outputs.map((d, i) => `${model.outputMetadata(i)?.name ?? ''} ${d.name}`.toLowerCase());
  return names.every((n) => /embedding|feature/.test(n)) ? 'embed' : 'classify';
}
