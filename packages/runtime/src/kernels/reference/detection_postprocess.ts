/**
 * TFLite_Detection_PostProcess, the custom operator that ends SSD-style detection models (TF Object Detection
 * API exports, EfficientDet-Lite): anchor-relative box encodings are decoded to corners, then non-maximum
 * suppression picks the detections. Behaviour follows TFLite's registered kernel:
 *
 * - options (a FlexBuffer map): max_detections, max_classes_per_detection, detections_per_class (100),
 *   use_regular_nms (false), nms_score_threshold, nms_iou_threshold, num_classes, y/x/h/w_scale;
 * - inputs: box encodings [1, N, ≥4] (y, x, h, w first), class scores [1, N, num_classes (+1 background)],
 *   anchors [N, 4] (y, x, h, w); float32, or uint8 dequantized with each tensor's own parameters;
 * - outputs, all float32: boxes [1, D·M, 4] (ymin, xmin, ymax, xmax), classes [1, D·M], scores [1, D·M],
 *   count [1], with D = max_detections and M = max_classes_per_detection;
 * - decoding in double, rounded to float32; intersection-over-union in float32; scores kept when ≥ the score
 *   threshold, boxes suppressed when their IoU with a kept one is > the IoU threshold; candidates sorted by
 *   score, ties in index order (TFLite's stable sort);
 * - fast NMS (default): each anchor competes with its best class score once, then reports its top M classes;
 *   regular NMS: per class (up to detections_per_class each), merged and cut to the best D.
 *
 * Where TFLite leaves output slots unwritten (fewer detections than D·M) they are zero here. Where TFLite's
 * partial sort meets equal scores (several classes per anchor, or the regular merge), this kernel keeps them
 * in index order; TFLite's order for exact ties is unspecified.
 */
import { ModelFormatError, TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { readFlexMap, type FlexValue } from '../../schema/flexbuffer_map.js';
import { expectDType, nodeLabel, requireInput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';

export const DETECTION_POSTPROCESS_CODE = 'TFLite_Detection_PostProcess';

export interface DetectionPostProcessOptions {
  readonly maxDetections: number;
  readonly maxClassesPerDetection: number;
  readonly detectionsPerClass: number;
  readonly useRegularNms: boolean;
  /** float32, as TFLite holds them. */
  readonly scoreThreshold: number;
  readonly iouThreshold: number;
  readonly numClasses: number;
  readonly scale: { readonly y: number; readonly x: number; readonly h: number; readonly w: number };
}

interface Plan {
  readonly label: string;
  readonly boxes: number;
  readonly encodingLength: number;
  readonly columns: number;
  readonly labelOffset: number;
  /** Decoded corners, [N × 4]. */
  readonly decoded: Float32Array;
  /** Dequantized scores when the input is uint8, [N × columns]. */
  readonly scoreBuffer: Float32Array | null;
  /** Per-anchor working space of the NMS. */
  readonly candidateScores: Float32Array;
  readonly kept: Int32Array;
  readonly active: Uint8Array;
  readonly selected: Int32Array;
  /** Fast NMS: each anchor's classes, best first. */
  readonly classOrder: Int32Array;
  /** Regular NMS: merged (anchor·columns + column) entries and their scores. */
  readonly merged: Int32Array;
  readonly mergedScores: Float32Array;
  /** Regular NMS: the best of the merged list while it is re-ordered. */
  readonly bestEntries: Int32Array;
  readonly bestScores: Float32Array;
}

function options(custom: Uint8Array | null | undefined): DetectionPostProcessOptions {
  if (!custom) throw new ModelFormatError(`${DETECTION_POSTPROCESS_CODE}: the operator has no custom options`);
  const m = readFlexMap(custom, `${DETECTION_POSTPROCESS_CODE} options`);
  const num = (key: string, fallback?: number): number => {
    const v: FlexValue | undefined = m.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw new ModelFormatError(`${DETECTION_POSTPROCESS_CODE}: option '${key}' is missing`);
    }
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v !== 'number') throw new ModelFormatError(`${DETECTION_POSTPROCESS_CODE}: option '${key}' is not a number`);
    return v;
  };
  const int = (key: string, fallback?: number) => Math.trunc(num(key, fallback));
  const float = (key: string) => Math.fround(num(key));
  return {
    maxDetections: int('max_detections'),
    maxClassesPerDetection: int('max_classes_per_detection'),
    detectionsPerClass: int('detections_per_class', 100),
    useRegularNms: num('use_regular_nms', 0) !== 0,
    scoreThreshold: float('nms_score_threshold'),
    iouThreshold: float('nms_iou_threshold'),
    numClasses: int('num_classes'),
    scale: { y: float('y_scale'), x: float('x_scale'), h: float('h_scale'), w: float('w_scale') },
  };
}

type Node = NodeContext<DetectionPostProcessOptions>;

function dequantizer(t: RuntimeTensor): (i: number) => number {
  if (t.dtype === 'float32') {
    const d = t.data as Float32Array;
    return (i) => d[i]!;
  }
  const d = t.data as Uint8Array;
  const scale = Math.fround(t.quantization?.scale[0] ?? 1);
  const zp = t.quantization?.zeroPoint[0] ?? 0;
  return (i) => Math.fround(Math.fround(d[i]! - zp) * scale);
}

function decodeBoxes(node: Node, p: Plan): void {
  const box = dequantizer(node.inputs[0]!);
  const anchor = dequantizer(node.inputs[2]!);
  const s = node.options.scale;
  const out = p.decoded;
  for (let i = 0; i < p.boxes; i++) {
    const b = i * p.encodingLength, a = i * 4;
    const ah = anchor(a + 2), aw = anchor(a + 3);
    const yc = Math.fround((box(b) / s.y) * ah + anchor(a));
    const xc = Math.fround((box(b + 1) / s.x) * aw + anchor(a + 1));
    const halfH = Math.fround(0.5 * Math.exp(box(b + 2) / s.h) * ah);
    const halfW = Math.fround(0.5 * Math.exp(box(b + 3) / s.w) * aw);
    out[i * 4] = yc - halfH;
    out[i * 4 + 1] = xc - halfW;
    out[i * 4 + 2] = yc + halfH;
    out[i * 4 + 3] = xc + halfW;
    if (out[i * 4]! > out[i * 4 + 2]! || out[i * 4 + 1]! > out[i * 4 + 3]!) {
      throw new TensorError(`${p.label}: decoded box ${i} has its minimum corner above its maximum (negative anchor size?)`);
    }
  }
}

function iou(d: Float32Array, i: number, j: number): number {
  const f = Math.fround;
  const areaI = f(f(d[i * 4 + 2]! - d[i * 4]!) * f(d[i * 4 + 3]! - d[i * 4 + 1]!));
  const areaJ = f(f(d[j * 4 + 2]! - d[j * 4]!) * f(d[j * 4 + 3]! - d[j * 4 + 1]!));
  if (areaI <= 0 || areaJ <= 0) return 0;
  const h = Math.max(f(Math.min(d[i * 4 + 2]!, d[j * 4 + 2]!) - Math.max(d[i * 4]!, d[j * 4]!)), 0);
  const w = Math.max(f(Math.min(d[i * 4 + 3]!, d[j * 4 + 3]!) - Math.max(d[i * 4 + 1]!, d[j * 4 + 1]!)), 0);
  const inter = f(h * w);
  return f(inter / f(f(areaI + areaJ) - inter));
}

/** Sorts `idx[0..n)` by `score` decreasing, ties by index (TFLite's stable order). */
function sortByScore(idx: Int32Array, n: number, score: (i: number) => number): void {
  idx.subarray(0, n).sort((a, b) => score(b) - score(a) || a - b);
}

/** NMS over one score per anchor; writes the chosen anchors, best first, into p.selected; returns how many. */
function suppress(node: Node, p: Plan, scores: Float32Array, limit: number): number {
  const { scoreThreshold, iouThreshold } = node.options;
  let kept = 0;
  for (let i = 0; i < p.boxes; i++) if (scores[i]! >= scoreThreshold) p.kept[kept++] = i;
  sortByScore(p.kept, kept, (i) => scores[i]!);
  const wanted = Math.min(kept, limit);
  p.active.fill(1, 0, kept);
  let active = kept, count = 0;
  for (let i = 0; i < kept && active > 0 && count < wanted; i++) {
    if (!p.active[i]) continue;
    p.selected[count++] = p.kept[i]!;
    p.active[i] = 0;
    active--;
    for (let j = i + 1; j < kept; j++) {
      if (p.active[j] && iou(p.decoded, p.kept[i]!, p.kept[j]!) > iouThreshold) {
        p.active[j] = 0;
        active--;
      }
    }
  }
  return count;
}

interface Outputs {
  boxes: Float32Array;
  classes: Float32Array;
  scores: Float32Array;
}

function write(o: Outputs, p: Plan, slot: number, anchor: number, cls: number, score: number): void {
  o.boxes.set(p.decoded.subarray(anchor * 4, anchor * 4 + 4), slot * 4);
  o.classes[slot] = cls;
  o.scores[slot] = score;
}

function fastNms(node: Node, p: Plan, scores: Float32Array, o: Outputs): number {
  const { numClasses, maxClassesPerDetection: perSlot, maxDetections } = node.options;
  const perAnchor = Math.min(perSlot, numClasses);
  const order = p.classOrder;
  for (let a = 0; a < p.boxes; a++) {
    const row = a * p.columns + p.labelOffset;
    const base = a * numClasses;
    if (perAnchor === 1) {
      let best = 0;
      for (let c = 1; c < numClasses; c++) if (scores[row + c]! > scores[row + best]!) best = c;
      order[base] = best;
    } else {
      for (let c = 0; c < numClasses; c++) order[base + c] = c;
      order.subarray(base, base + numClasses).sort((x, y) => scores[row + y]! - scores[row + x]! || x - y);
    }
    p.candidateScores[a] = scores[row + order[base]!]!;
  }
  const count = suppress(node, p, p.candidateScores, maxDetections);
  for (let k = 0; k < count; k++) {
    const a = p.selected[k]!;
    for (let c = 0; c < perAnchor; c++) {
      const cls = order[a * numClasses + c]!;
      write(o, p, perSlot * k + c, a, cls, scores[a * p.columns + p.labelOffset + cls]!);
    }
  }
  return count;
}

function regularNms(node: Node, p: Plan, scores: Float32Array, o: Outputs): number {
  const { numClasses, maxDetections, detectionsPerClass } = node.options;
  const merged = p.merged, mergedScores = p.mergedScores;
  let size = 0;
  for (let c = 0; c < numClasses; c++) {
    const col = c + p.labelOffset;
    for (let a = 0; a < p.boxes; a++) p.candidateScores[a] = scores[a * p.columns + col]!;
    const count = suppress(node, p, p.candidateScores, detectionsPerClass);
    let n = size;
    for (let k = 0; k < count; k++, n++) {
      merged[n] = p.selected[k]! * p.columns + col;
      mergedScores[n] = p.candidateScores[p.selected[k]!]!;
    }
    // Keep the best maxDetections of the merged list, best first.
    const order = p.kept; // free again until the next suppress()
    for (let i = 0; i < n; i++) order[i] = i;
    sortByScore(order, n, (i) => mergedScores[i]!);
    size = Math.min(n, maxDetections);
    for (let i = 0; i < size; i++) {
      p.bestEntries[i] = merged[order[i]!]!;
      p.bestScores[i] = mergedScores[order[i]!]!;
    }
    merged.set(p.bestEntries.subarray(0, size));
    mergedScores.set(p.bestScores.subarray(0, size));
  }
  for (let k = 0; k < size; k++) {
    const anchor = Math.floor(merged[k]! / p.columns);
    write(o, p, k, anchor, merged[k]! - anchor * p.columns - p.labelOffset, mergedScores[k]!);
  }
  return size;
}

export const DETECTION_POSTPROCESS_KERNEL: KernelRegistration<DetectionPostProcessOptions, Plan> = {
  op: BuiltinOp.CUSTOM,
  name: `${DETECTION_POSTPROCESS_CODE} (float32/uint8, reference)`,
  parseOptions: (_raw, custom) => options(custom),
  supports: (node) => node.customCode === DETECTION_POSTPROCESS_CODE,
  prepare(node) {
    const o = node.options;
    if (node.inputs.length !== 3 || node.outputs.length !== 4) {
      throw shapeError(node, `expects 3 inputs and 4 outputs, got ${node.inputs.length} and ${node.outputs.length}`);
    }
    const boxes = requireInput(node, 0), scores = requireInput(node, 1), anchors = requireInput(node, 2);
    expectDType(node, boxes, ['float32', 'uint8'], 'box encodings');
    expectDType(node, scores, ['float32', 'uint8'], 'class predictions');
    expectDType(node, anchors, ['float32', 'uint8'], 'anchors');
    const [b0, n, len] = boxes.shape;
    if (boxes.shape.length !== 3 || b0 !== 1 || len! < 4) throw shapeError(node, `box encodings must be [1, N, ≥4], got [${boxes.shape.join(',')}]`);
    const [s0, sn, columns] = scores.shape;
    if (scores.shape.length !== 3 || s0 !== 1 || sn !== n) throw shapeError(node, `class predictions must be [1, ${n}, classes], got [${scores.shape.join(',')}]`);
    if (anchors.shape.length !== 2 || anchors.shape[0] !== n || anchors.shape[1] !== 4) {
      throw shapeError(node, `anchors must be [${n}, 4], got [${anchors.shape.join(',')}]`);
    }
    const labelOffset = columns! - o.numClasses;
    if (o.numClasses < 1 || labelOffset < 0 || labelOffset > 1) {
      throw shapeError(node, `num_classes ${o.numClasses} does not fit ${columns} score columns (one background column at most)`);
    }
    if (o.maxDetections < 0 || o.maxClassesPerDetection < 1) throw unsupported(node, 'max_detections must be ≥ 0 and max_classes_per_detection ≥ 1');
    if (!(o.iouThreshold > 0 && o.iouThreshold <= 1)) throw unsupported(node, `nms_iou_threshold must be in (0, 1], got ${o.iouThreshold}`);
    if (o.useRegularNms && o.detectionsPerClass < 1) throw unsupported(node, 'detections_per_class must be ≥ 1');
    const slots = o.maxDetections * o.maxClassesPerDetection;
    const shapes = [[1, slots, 4], [1, slots], [1, slots], [1]];
    node.outputs.forEach((t, i) => {
      expectDType(node, t, ['float32'], `output ${i}`);
      t.shape = shapes[i]!;
    });
    const N = n!;
    return {
      label: nodeLabel(node), boxes: N, encodingLength: len!, columns: columns!, labelOffset,
      decoded: new Float32Array(N * 4),
      scoreBuffer: scores.dtype === 'float32' ? null : new Float32Array(N * columns!),
      candidateScores: new Float32Array(N), kept: new Int32Array(N + o.maxDetections), active: new Uint8Array(N),
      selected: new Int32Array(N), classOrder: new Int32Array(N * o.numClasses),
      merged: new Int32Array(N + o.maxDetections), mergedScores: new Float32Array(N + o.maxDetections),
      bestEntries: new Int32Array(o.maxDetections), bestScores: new Float32Array(o.maxDetections),
    };
  },
  eval(node, p) {
    decodeBoxes(node, p);
    const input = node.inputs[1]!;
    let scores: Float32Array;
    if (p.scoreBuffer) {
      const q = input.data as Uint8Array;
      const scale = Math.fround(input.quantization?.scale[0] ?? 1), zp = input.quantization?.zeroPoint[0] ?? 0;
      for (let i = 0; i < q.length; i++) p.scoreBuffer[i] = scale * (q[i]! - zp);
      scores = p.scoreBuffer;
    } else {
      scores = input.data as Float32Array;
    }
    const out: Outputs = {
      boxes: node.outputs[0]!.data as Float32Array, classes: node.outputs[1]!.data as Float32Array, scores: node.outputs[2]!.data as Float32Array,
    };
    out.boxes.fill(0);
    out.classes.fill(0);
    out.scores.fill(0);
    const count = node.options.useRegularNms ? regularNms(node, p, scores, out) : fastNms(node, p, scores, out);
    (node.outputs[3]!.data as Float32Array)[0] = count;
  },
};
