import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError, ShapeError, UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { flexMap, ModelBuilder, type FlexMapValue } from '../../schema/builder/index.js';
import { DETECTION_POSTPROCESS_CODE } from './detection_postprocess.js';

const OPTIONS = {
  max_detections: 3, max_classes_per_detection: 1, nms_score_threshold: 0.5, nms_iou_threshold: 0.5, num_classes: 2,
  y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5,
};

function model(options: Record<string, FlexMapValue> | null, code = DETECTION_POSTPROCESS_CODE, anchors = 4): Uint8Array {
  const m = new ModelBuilder();
  const boxes = m.addInput({ dtype: 'float32', shape: [1, 4, 4] });
  const scores = m.addInput({ dtype: 'float32', shape: [1, 4, 3] });
  const a = m.addTensor({ dtype: 'float32', shape: [anchors, 4], data: new Float32Array(anchors * 4).fill(0.5) });
  const outs = [[1, 3, 4], [1, 3], [1, 3], [1]].map((shape) => m.addOutput({ dtype: 'float32', shape }));
  m.addOperator({ opcode: BuiltinOp.CUSTOM, customCode: code, inputs: [boxes, scores, a], outputs: outs, ...(options ? { customOptions: flexMap(options) } : {}) });
  return m.build();
}

test('a detection model without options, or missing a required option, fails to load naming it', () => {
  assert.throws(() => Interpreter.loadSync(model(null)), (e: unknown) => e instanceof ModelFormatError && /has no custom options/.test(e.message));
  const { num_classes: _, ...missing } = OPTIONS;
  assert.throws(() => Interpreter.loadSync(model(missing)), (e: unknown) => e instanceof ModelFormatError && /option 'num_classes' is missing/.test(e.message));
});

test('out-of-range settings and mismatched anchors are refused at allocation', () => {
  const badIou = Interpreter.loadSync(model({ ...OPTIONS, nms_iou_threshold: 0 }));
  assert.throws(() => badIou.allocateTensors(), (e: unknown) => e instanceof UnsupportedError && /nms_iou_threshold must be in \(0, 1\]/.test(e.message));
  const anchors = Interpreter.loadSync(model(OPTIONS, DETECTION_POSTPROCESS_CODE, 5));
  assert.throws(() => anchors.allocateTensors(), (e: unknown) => e instanceof ShapeError && /anchors must be \[4, 4\]/.test(e.message));
  const classes = Interpreter.loadSync(model({ ...OPTIONS, num_classes: 5 }));
  assert.throws(() => classes.allocateTensors(), /num_classes 5 does not fit 3 score columns/);
});

test('other custom operators stay unsupported, named in the error', () => {
  assert.throws(() => Interpreter.loadSync(model(OPTIONS, 'MyCustomOp')), (e: unknown) => e instanceof UnsupportedError && /CUSTOM 'MyCustomOp'/.test(e.message));
});

test('decodes anchor-relative boxes to corners (zero encodings give the anchor itself)', () => {
  const it = Interpreter.loadSync(model(OPTIONS));
  it.allocateTensors();
  const [boxes, scores] = it.getInputDetails();
  it.setTensor(boxes!.index, new Float32Array(16));
  // Anchor 2 scores best in class 1 (column 2; column 0 is the background).
  it.setTensor(scores!.index, Float32Array.from([0, 0.1, 0.2, 0, 0.3, 0.1, 0, 0.2, 0.9, 0, 0.1, 0.1]));
  it.invoke();
  const out = it.getOutputDetails().map((d) => it.getTensor(d.index) as Float32Array);
  assert.equal(out[3]![0], 1); // all anchors coincide: the best suppresses the rest
  assert.deepEqual([...out[0]!.subarray(0, 4)], [0.25, 0.25, 0.75, 0.75]);
  assert.equal(out[1]![0], 1);
  assert.equal(out[2]![0], Math.fround(0.9));
});
