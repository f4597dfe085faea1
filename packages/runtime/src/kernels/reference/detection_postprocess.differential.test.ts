/**
 * TFLite_Detection_PostProcess against LiteRT.js (TFLite's own kernel): SSD-like anchors clustered so that
 * boxes overlap and suppression matters, fast and regular NMS, several classes per detection, no background
 * column, extra box coordinates (keypoints), a threshold that keeps nothing, and uint8 inputs. The count must
 * match exactly; then classes and scores exactly and boxes within float tolerance, over the slots TFLite
 * writes (it leaves the rest unset; ours are zero).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DType, TypedArray } from '../../core/dtype.js';
import type { QuantizationParams } from '../../core/model.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { flexMap, ModelBuilder, type FlexMapValue } from '../../schema/builder/index.js';
import { LiteRtOracle, type HostTensor } from '@tflite-lambda/testing/litert';
import { seededRandom } from '@tflite-lambda/testing';
import { DETECTION_POSTPROCESS_CODE } from './detection_postprocess.js';

interface Case {
  readonly name: string;
  readonly anchors: number;
  readonly numClasses: number;
  readonly background: boolean;
  readonly encodingLength?: number;
  readonly uint8?: boolean;
  readonly options: Record<string, FlexMapValue>;
}

const BASE = { y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5, nms_score_threshold: 0.3, nms_iou_threshold: 0.5 };
const CASES: Case[] = [
  { name: 'fast NMS, one class per detection (the SSD default)', anchors: 60, numClasses: 5, background: true, options: { ...BASE, max_detections: 10, max_classes_per_detection: 1 } },
  { name: 'fast NMS, three classes per detection', anchors: 40, numClasses: 4, background: true, options: { ...BASE, max_detections: 6, max_classes_per_detection: 3 } },
  { name: 'regular NMS per class, merged to the best', anchors: 50, numClasses: 4, background: true, options: { ...BASE, max_detections: 8, max_classes_per_detection: 1, use_regular_nms: true, detections_per_class: 5 } },
  { name: 'regular NMS, more detections than survive', anchors: 12, numClasses: 3, background: false, options: { ...BASE, max_detections: 20, max_classes_per_detection: 1, use_regular_nms: true, detections_per_class: 100 } },
  { name: 'no background column, keypoints after the box', anchors: 30, numClasses: 3, background: false, encodingLength: 8, options: { ...BASE, max_detections: 7, max_classes_per_detection: 1, nms_iou_threshold: 0.35 } },
  { name: 'uint8 encodings, scores and anchors (quantized SSD)', anchors: 60, numClasses: 6, background: true, uint8: true, options: { ...BASE, max_detections: 10, max_classes_per_detection: 1, nms_iou_threshold: 0.6 } },
];

const q = (scale: number, zeroPoint: number): QuantizationParams => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });
const BOX_Q = q(0.05, 128), SCORE_Q = q(1 / 256, 0), ANCHOR_Q = q(1 / 255, 0);

function quantize(values: Float32Array, p: QuantizationParams): Uint8Array {
  return Uint8Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(v / p.scale[0]! + p.zeroPoint[0]!))));
}

/** Inputs and the model for one case; anchors sit on a coarse grid so neighbours overlap. */
function build(c: Case, seed: number): { model: Uint8Array; feeds: HostTensor[] } {
  const rand = seededRandom(seed);
  const len = c.encodingLength ?? 4;
  const columns = c.numClasses + (c.background ? 1 : 0);
  const anchors = new Float32Array(c.anchors * 4);
  for (let i = 0; i < c.anchors; i++) {
    anchors.set([0.2 + 0.6 * Math.floor(rand() * 4) / 3, 0.2 + 0.6 * Math.floor(rand() * 4) / 3, 0.2 + 0.3 * rand(), 0.2 + 0.3 * rand()], i * 4);
  }
  const encodings = Float32Array.from({ length: c.anchors * len }, () => (rand() * 2 - 1) * 3);
  const scores = Float32Array.from({ length: c.anchors * columns }, () => rand() ** 2);
  const dtype: DType = c.uint8 ? 'uint8' : 'float32';
  const as = (v: Float32Array, p: QuantizationParams): TypedArray => (c.uint8 ? quantize(v, p) : v);
  const quant = (p: QuantizationParams) => (c.uint8 ? { quantization: p } : {});
  const m = new ModelBuilder();
  const boxIn = m.addInput({ dtype, shape: [1, c.anchors, len], ...quant(BOX_Q) });
  const scoreIn = m.addInput({ dtype, shape: [1, c.anchors, columns], ...quant(SCORE_Q) });
  const anchorT = m.addTensor({ dtype, shape: [c.anchors, 4], data: as(anchors, ANCHOR_Q), ...quant(ANCHOR_Q) });
  const slots = Number(c.options.max_detections) * Number(c.options.max_classes_per_detection);
  const outputs = [[1, slots, 4], [1, slots], [1, slots], [1]].map((shape) => m.addOutput({ dtype: 'float32', shape }));
  m.addOperator({
    opcode: BuiltinOp.CUSTOM, customCode: DETECTION_POSTPROCESS_CODE, inputs: [boxIn, scoreIn, anchorT], outputs,
    customOptions: flexMap({ ...c.options, num_classes: c.numClasses }),
  });
  return {
    model: m.build(),
    feeds: [
      { dtype, shape: [1, c.anchors, len], data: as(encodings, BOX_Q) },
      { dtype, shape: [1, c.anchors, columns], data: as(scores, SCORE_Q) },
    ],
  };
}

async function runOurs(model: Uint8Array, feeds: HostTensor[]): Promise<Float32Array[]> {
  const it = await Interpreter.load(model);
  it.allocateTensors();
  it.getInputDetails().forEach((d, i) => { it.setTensor(d.index, feeds[i]!.data); });
  it.invoke();
  return it.getOutputDetails().map((d) => it.getTensor(d.index) as Float32Array);
}

describe(`${DETECTION_POSTPROCESS_CODE} agrees with LiteRT.js`, () => {
  let oracle: LiteRtOracle;
  before(async () => {
    oracle = await LiteRtOracle.create();
  });

  CASES.forEach((c, n) => {
    it(c.name, async () => {
      for (const seed of [n * 10 + 1, n * 10 + 2, n * 10 + 3]) {
        const { model, feeds } = build(c, seed);
        const ref = (await oracle.run(model, feeds)).map((t) => t.data as Float32Array);
        const ours = await runOurs(model, feeds);
        const count = ours[3]![0]!;
        assert.equal(count, ref[3]![0], `seed ${seed}: number of detections`);
        const perDetection = c.options.use_regular_nms ? 1 : Number(c.options.max_classes_per_detection);
        const written = Math.min(perDetection, c.numClasses);
        for (let d = 0; d < count; d++) {
          for (let k = 0; k < written; k++) {
            const slot = d * perDetection + k;
            const where = `seed ${seed}, detection ${d}, class slot ${k}`;
            assert.equal(ours[1]![slot], ref[1]![slot], `${where}: class`);
            assert.equal(ours[2]![slot], ref[2]![slot], `${where}: score`);
            for (let j = 0; j < 4; j++) {
              const [a, b] = [ours[0]![slot * 4 + j]!, ref[0]![slot * 4 + j]!];
              assert.ok(Math.abs(a - b) <= 1e-5 * (1 + Math.abs(b)), `${where}: box[${j}] ${a} vs ${b}`);
            }
          }
        }
        if (n === 0) assert.ok(count >= 3, 'the first case should detect several boxes');
      }
    });
  });
});

// Where TFLite leaves slots unwritten (garbage that differs between runs, so LiteRT.js cannot be the oracle),
// ours are zero and the written part is unchanged.
describe(`${DETECTION_POSTPROCESS_CODE} zeroes the slots TFLite leaves unwritten`, () => {
  const base: Case = { name: '', anchors: 30, numClasses: 2, background: true, options: { ...BASE, max_detections: 5, max_classes_per_detection: 2 } };

  it('asking for more classes per detection than there are classes pads each detection with zeros', async () => {
    const exact = build(base, 7);
    const padded = build({ ...base, options: { ...base.options, max_classes_per_detection: 3 } }, 7);
    const [a, b] = [await runOurs(exact.model, exact.feeds), await runOurs(padded.model, padded.feeds)];
    assert.equal(b[3]![0], a[3]![0]);
    assert.ok(a[3]![0]! > 0);
    for (let d = 0; d < 5; d++) {
      for (let k = 0; k < 3; k++) {
        const from = d * 2 + k, to = d * 3 + k;
        const want = (v: Float32Array, stride: number) => (k < 2 && d < a[3]![0]! ? v[from * stride] : 0);
        assert.equal(b[1]![to], want(a[1]!, 1), `detection ${d} slot ${k}: class`);
        assert.equal(b[2]![to], want(a[2]!, 1), `detection ${d} slot ${k}: score`);
        assert.equal(b[0]![to * 4], want(a[0]!, 4), `detection ${d} slot ${k}: ymin`);
      }
    }
  });

  it('a score threshold nothing reaches gives no detections and all-zero outputs', async () => {
    const { model, feeds } = build({ ...base, options: { ...base.options, nms_score_threshold: 1.5 } }, 9);
    const out = await runOurs(model, feeds);
    assert.equal(out[3]![0], 0);
    for (const t of out.slice(0, 3)) assert.ok(t.every((v) => v === 0));
  });
});
