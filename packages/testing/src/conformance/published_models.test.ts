/**
 * Published models that exercise the operators added for "runs any .tflite" on real inputs:
 * - YAMNet (../shared/tasks/audio: RFFT2D, COMPLEX_ABS) against LiteRT.js on a seeded waveform;
 * - MediaPipe's face_landmark_with_attention (../shared/wild: Landmarks2TransformMatrix,
 *   TransformTensorBilinear, TransformLandmarks), which no reference engine runs, on a face cropped from
 *   ../shared/tasks/detect/example.jpg: its refined lips, eyes and irises (which pass through the three custom
 *   operators) must land on the face mesh the same model predicts without them, and that mesh must agree
 *   with face_landmark's (checked against LiteRT.js by the wild corpus). A plausibility check only: it
 *   catches a broken crop or back-transform, not a sub-pixel slip (the mesh is ~3 px apart there); the
 *   operators' exact semantics are pinned by hand-checked kernel tests (mediapipe_landmark_ops.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Interpreter } from '@tflite-lambda/runtime';
import { decodeImage, toRgb } from '@tflite-lambda/vision';
import { sharedDir, skipWithoutShared } from '../paths.js';
import { compareTensors, toleranceFor } from '../litert/compare.js';
import { numericValue } from '../litert/host_tensor.js';
import { LiteRtOracle } from '../litert/oracle.js';
import { Rng } from '../differential/rng.js';

const skip = skipWithoutShared();
const shared = (...parts: string[]) => join(sharedDir()!, ...parts);

test('YAMNet (RFFT2D, COMPLEX_ABS) agrees with LiteRT.js on a seeded waveform', { skip }, async () => {
  const model = new Uint8Array(readFileSync(shared('tasks', 'audio', 'model.tflite')));
  const rng = new Rng(44);
  const wave = Float32Array.from({ length: 15600 }, (_, i) => 0.3 * Math.sin(i * 0.07) + 0.2 * Math.sin(i * 0.31) + 0.1 * (rng.next() - 0.5));
  const it = await Interpreter.load(model);
  it.allocateTensors();
  const input = it.getInputDetails()[0]!;
  it.setTensor(input.index, wave);
  it.invoke();
  const oracle = await LiteRtOracle.create();
  const reference = await oracle.run(model, [{ dtype: 'float32', shape: input.shape, data: wave }]);
  it.getOutputDetails().forEach((d, k) => {
    const ours = { dtype: d.dtype, shape: d.shape, data: numericValue(it.getTensor(d.index)) };
    const mismatch = compareTensors(ours, reference[k]!, toleranceFor(d.dtype), `output '${d.name}'`);
    assert.equal(mismatch, null, mismatch?.report);
  });
});

/** The girl's face in example.jpg (a 480-pixel square), sampled bilinearly to 192×192 RGB in [0, 1]. */
function faceCrop(): Float32Array {
  const img = toRgb(decodeImage(new Uint8Array(readFileSync(shared('tasks', 'detect', 'example.jpg')))));
  const [x0, y0, size, n] = [1040, 90, 480, 192];
  const out = new Float32Array(n * n * 3);
  const at = (y: number, x: number, c: number) => img.data[(y * img.width + x) * 3 + c]!;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const sx = x0 + ((x + 0.5) * size) / n - 0.5, sy = y0 + ((y + 0.5) * size) / n - 0.5;
      const ix = Math.floor(sx), iy = Math.floor(sy), fx = sx - ix, fy = sy - iy;
      for (let c = 0; c < 3; c++) {
        const top = (1 - fx) * at(iy, ix, c) + fx * at(iy, ix + 1, c);
        const bottom = (1 - fx) * at(iy + 1, ix, c) + fx * at(iy + 1, ix + 1, c);
        out[(y * n + x) * 3 + c] = ((1 - fy) * top + fy * bottom) / 255;
      }
    }
  }
  return out;
}

async function outputsOf(name: string, input: Float32Array): Promise<Map<string, Float32Array>> {
  const it = await Interpreter.load(shared('wild', name, 'model.tflite'));
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, input);
  it.invoke();
  return new Map(it.getOutputDetails().map((d) => [d.name, it.getTensor(d.index) as Float32Array]));
}

/** Mean and worst distance (pixels) from each (x, y) point to the nearest mesh landmark (x, y, z triples). */
function distanceToMesh(points: Float32Array, mesh: Float32Array): { mean: number; worst: number } {
  let sum = 0, worst = 0;
  for (let i = 0; i < points.length; i += 2) {
    let best = Infinity;
    for (let j = 0; j < mesh.length; j += 3) best = Math.min(best, Math.hypot(points[i]! - mesh[j]!, points[i + 1]! - mesh[j + 1]!));
    sum += best;
    worst = Math.max(worst, best);
  }
  return { mean: sum / (points.length / 2), worst };
}

test('face_landmark_with_attention: refined lips, eyes and irises land on the predicted face mesh', { skip }, async () => {
  const crop = faceCrop();
  const attention = await outputsOf('face_landmark_with_attention', crop);
  const mesh = attention.get('output_mesh_identity')!;
  assert.ok(attention.get('conv_faceflag')![0]! > 0, 'the model sees a face');
  for (const part of ['output_lips', 'output_left_eye', 'output_right_eye', 'output_left_iris', 'output_right_iris']) {
    const { mean, worst } = distanceToMesh(attention.get(part)!, mesh);
    assert.ok(mean < 2.5 && worst < 5, `${part}: mean ${mean.toFixed(2)} px, worst ${worst.toFixed(2)} px from the mesh`);
  }
  // The irises sit inside their eye contours.
  for (const side of ['left', 'right']) {
    const eye = attention.get(`output_${side}_eye`)!, iris = attention.get(`output_${side}_iris`)!;
    const xs = eye.filter((_, i) => i % 2 === 0), ys = eye.filter((_, i) => i % 2 === 1);
    assert.ok(iris[0]! > Math.min(...xs) && iris[0]! < Math.max(...xs) && iris[1]! > Math.min(...ys) && iris[1]! < Math.max(...ys), `${side} iris centre inside the eye`);
  }
  // The mesh (no custom operator on its path) agrees with face_landmark's, which LiteRT.js checks.
  const plain = [...(await outputsOf('face_landmark', crop)).values()].find((v) => v.length === 1404)!;
  let sum = 0;
  for (let j = 0; j < 1404; j += 3) sum += Math.hypot(plain[j]! - mesh[j]!, plain[j + 1]! - mesh[j + 1]!);
  assert.ok(sum / 468 < 8, `meshes differ by ${(sum / 468).toFixed(2)} px on average`);
});
