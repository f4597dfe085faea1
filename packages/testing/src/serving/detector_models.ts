/**
 * A tiny detector in TFLite's SSD form for tests: an image input (unused by the arithmetic) and a
 * TFLite_Detection_PostProcess node over constant box encodings and class scores, so its detections are
 * known in advance: with zero encodings each box is its anchor. Not exported from the package index.
 */
import { BuiltinOp } from '@tflite-lambda/runtime';
import { flexMap, ModelBuilder } from '@tflite-lambda/runtime/builder';

export interface KnownDetection {
  /** The anchor, and so the box: centre and size as fractions of the input. */
  readonly cy: number;
  readonly cx: number;
  readonly h: number;
  readonly w: number;
  /** Class index without the background (the operator's output class). */
  readonly classIndex: number;
  readonly score: number;
}

export interface DetectorSpec {
  readonly detections: readonly KnownDetection[];
  readonly numClasses: number;
  /** The order of the model's outputs, as positions of (boxes, classes, scores, count); default in order. */
  readonly outputOrder?: readonly [number, number, number, number];
  readonly maxDetections?: number;
}

export function knownDetectorModel(spec: DetectorSpec): Uint8Array {
  const n = spec.detections.length;
  const columns = spec.numClasses + 1; // a background column first
  const scores = new Float32Array(n * columns);
  spec.detections.forEach((d, i) => { (scores[i * columns + 1 + d.classIndex] = d.score); });
  const anchors = Float32Array.from(spec.detections.flatMap((d) => [d.cy, d.cx, d.h, d.w]));
  const max = spec.maxDetections ?? n;
  const m = new ModelBuilder();
  m.addInput({ name: 'image', dtype: 'uint8', shape: [1, 8, 8, 3] });
  const boxes = m.addTensor({ name: 'box_encodings', dtype: 'float32', shape: [1, n, 4], data: new Float32Array(n * 4) });
  const classScores = m.addTensor({ name: 'class_predictions', dtype: 'float32', shape: [1, n, columns], data: scores });
  const anchorT = m.addTensor({ name: 'anchors', dtype: 'float32', shape: [n, 4], data: anchors });
  const shapes = [[1, max, 4], [1, max], [1, max], [1]];
  const names = ['detection_boxes', 'detection_classes', 'detection_scores', 'num_detections'];
  const outputs = shapes.map((shape, i) => m.addTensor({ name: names[i], dtype: 'float32', shape }));
  for (const position of spec.outputOrder ?? [0, 1, 2, 3]) m.markOutput(outputs[position]);
  m.addOperator({
    opcode: BuiltinOp.CUSTOM,
    customCode: 'TFLite_Detection_PostProcess',
    inputs: [boxes, classScores, anchorT],
    outputs,
    customOptions: flexMap({
      max_detections: max, max_classes_per_detection: 1, nms_score_threshold: 0.01, nms_iou_threshold: 0.6,
      num_classes: spec.numClasses, y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5,
    }),
  });
  return m.build();
}
