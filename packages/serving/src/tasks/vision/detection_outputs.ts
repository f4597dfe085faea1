/**
 * Where an SSD-style detector's results are: the four outputs of TFLite_Detection_PostProcess (boxes
 * [1,N,4], classes [1,N], scores [1,N], count [1]) located through the graph, so a model that lists its
 * outputs in another order is read right; the box layout from the metadata's BoundingBoxProperties when it
 * has them, else the operator's own (ymin, xmin, ymax, xmax as ratios of the input); and the label offset
 * implied by the operator's num_classes (a labels file with one more entry starts with the background).
 */
import { readFlexMap } from '@tflite-lambda/runtime/internal';
import type { BoundingBoxType, CoordinateType } from '@tflite-lambda/runtime/metadata';
import { TaskError } from '../core/errors.js';
import type { TaskModel } from '../core/task_model.js';

export const DETECTION_POSTPROCESS = 'TFLite_Detection_PostProcess';

export interface DetectionOutputs {
  /** Positions in the model's output list. */
  readonly boxes: number;
  readonly classes: number;
  readonly scores: number;
  readonly count: number;
  readonly maxDetections: number;
  /** The operator's class count (without background), when the graph has the operator. */
  readonly numClasses: number | null;
}

export interface BoxLayout {
  readonly type: Exclude<BoundingBoxType, 'UNKNOWN'>;
  readonly coordinates: CoordinateType;
  /** For each default component (left, top, right, bottom — or x, y, w, h), its position in the 4 values. */
  readonly positions: readonly [number, number, number, number];
}

const METADATA_NAMES = ['location', 'category', 'score', 'number of detections'];

export function findDetectionOutputs(model: TaskModel): DetectionOutputs {
  const op = model.graph.customOp(DETECTION_POSTPROCESS);
  let order: number[];
  if (op !== null) {
    order = op.outputs.slice(0, 4).map((t) => model.outputs.findIndex((d) => d.index === t));
  } else {
    const byName = METADATA_NAMES.map((n) => model.metadata?.subgraphMetadata?.[0]?.outputTensorMetadata?.findIndex((m) => m.name === n) ?? -1);
    order = byName.every((i) => i >= 0) ? byName : [0, 1, 2, 3];
  }
  if (model.outputs.length < 4 || order.some((i) => i < 0 || i >= model.outputs.length)) {
    throw new TaskError(
      'UNSUPPORTED_MODEL',
      `an object detector needs the four outputs of ${DETECTION_POSTPROCESS} (boxes, classes, scores, count); ` +
        `this model has ${model.outputs.length} outputs${op === null ? ' and no such operator' : ''}`,
    );
  }
  const [boxes, classes, scores, count] = order;
  const boxShape = model.outputs[boxes].shape;
  if (boxShape.length !== 3 || boxShape[0] !== 1 || boxShape[2] !== 4) {
    throw new TaskError('UNSUPPORTED_MODEL', `detection boxes output '${model.outputs[boxes].name}' has shape [${boxShape}]; expected [1, N, 4]`);
  }
  const numClasses = op?.customOptions ? Number(readFlexMap(op.customOptions, DETECTION_POSTPROCESS).get('num_classes')) : NaN;
  return { boxes, classes, scores, count, maxDetections: boxShape[1], numClasses: Number.isInteger(numClasses) ? numClasses : null };
}

export function boxLayout(model: TaskModel, boxesOutput: number): BoxLayout {
  const props = model.outputMetadata(boxesOutput)?.content?.properties;
  if (props?.kind !== 'boundingBox') return { type: 'BOUNDARIES', coordinates: 'RATIO', positions: [1, 0, 3, 2] };
  if (props.type === 'UNKNOWN') throw new TaskError('UNSUPPORTED_MODEL', 'the boxes metadata gives an UNKNOWN bounding box type');
  const index = props.index.length === 4 ? props.index : [0, 1, 2, 3];
  const positions = [0, 1, 2, 3].map((component) => index.indexOf(component));
  if (positions.some((p) => p < 0)) throw new TaskError('UNSUPPORTED_MODEL', `bounding box index [${props.index}] is not a permutation of 0..3`);
  return { type: props.type, coordinates: props.coordinateType, positions: positions as [number, number, number, number] };
}

/** Left, top, right, bottom as fractions of the model input, from one box's four values. */
export function boxEdges(v: ArrayLike<number>, layout: BoxLayout, inputWidth: number, inputHeight: number): [number, number, number, number] {
  const [a, b, c, d] = layout.positions.map((p) => v[p]);
  let edges: [number, number, number, number];
  if (layout.type === 'BOUNDARIES') edges = [a, b, c, d];
  else if (layout.type === 'UPPER_LEFT') edges = [a, b, a + c, b + d];
  else edges = [a - c / 2, b - d / 2, a + c / 2, b + d / 2];
  if (layout.coordinates === 'PIXEL') edges = [edges[0] / inputWidth, edges[1] / inputHeight, edges[2] / inputWidth, edges[3] / inputHeight];
  return edges;
}

/** 1 when the labels start with a background entry the operator's class indices skip, else 0. */
export function labelOffsetOf(labels: readonly string[] | null, numClasses: number | null): number {
  if (labels === null || numClasses === null) return 0;
  if (labels.length === numClasses + 1) return 1;
  if (labels.length === numClasses) return 0;
  throw new TaskError('BAD_OPTIONS', `${labels.length} labels for a detector of ${numClasses} classes (expected ${numClasses} or ${numClasses + 1} with a background first)`);
}
