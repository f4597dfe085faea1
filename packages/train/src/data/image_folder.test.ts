import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TensorDetails } from '@tflite-lambda/runtime';
import { inputSpecOf, preparePixels } from '@tflite-lambda/serving';
import { fromBase64, loadPillowCases, pillowFixtureDir, readFixtureImage, rgbPng } from '@tflite-lambda/testing/images';
import { loadImageFolder } from './image_folder.js';

const solid = (width: number, height: number, rgb: [number, number, number]) => rgbPng(width, height, () => rgb);

function withFolder(fill: (root: string) => void, check: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'imgfolder-'));
  try {
    fill(root);
    check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('loads one class per subfolder (sorted), resizes and converts to grayscale', () => {
  withFolder(
    (root) => {
      mkdirSync(join(root, 'cat'));
      mkdirSync(join(root, 'ant'));
      writeFileSync(join(root, 'cat', 'a.png'), solid(8, 8, [255, 255, 255]));
      writeFileSync(join(root, 'cat', 'b.png'), solid(3, 5, [255, 0, 0]));
      writeFileSync(join(root, 'ant', 'x.png'), solid(4, 4, [0, 0, 0]));
      writeFileSync(join(root, 'ant', 'notes.txt'), 'ignored');
    },
    (root) => {
      const d = loadImageFolder(root, { height: 4, width: 4, channels: 1 });
      assert.deepEqual(d.classNames, ['ant', 'cat']);
      assert.equal(d.count, 3);
      assert.deepEqual([...d.labels], [0, 1, 1]);
      assert.equal(d.images.length, 3 * 16);
      assert.ok(d.images.subarray(0, 16).every((v) => v === 0));
      assert.ok(d.images.subarray(16, 32).every((v) => v === 255));
      // Pillow's luma of pure red: (255 * 19595 + 32768) >> 16 = 76.
      assert.ok(d.images.subarray(32, 48).every((v) => v === 76));
    },
  );
});

test("training's loader and serving's preprocessing give identical pixels, and Pillow's, for the same file and size", () => {
  const names = ['jpeg_baseline_420', 'jpeg_progressive', 'jpeg_cmyk', 'rgb16', 'pal4_interlaced', 'gray16', 'digit_dark_on_light'];
  const cases = loadPillowCases().filter((c) => names.includes(c.name));
  assert.equal(cases.length, names.length);
  for (const c of cases) {
    for (const r of c.resized.filter((s) => s.width === 28)) {
      const channels = r.mode === 'L' ? 1 : 3;
      withFolder(
        (root) => {
          for (const cls of ['a', 'b']) {
            mkdirSync(join(root, cls));
            copyFileSync(join(pillowFixtureDir(), c.file), join(root, cls, `image${c.file.slice(c.file.lastIndexOf('.'))}`));
          }
        },
        (root) => {
          const trained = loadImageFolder(root, { height: 28, width: 28, channels }).images.subarray(0, 28 * 28 * channels);
          const input: TensorDetails = { index: 0, name: 'image', shape: [1, 28, 28, channels], shapeSignature: [1, 28, 28, channels], dtype: 'uint8', quantization: { scale: [], zeroPoint: [], quantizedDimension: 0 } };
          const served = preparePixels(readFixtureImage(c), inputSpecOf(input, undefined, { invert: false }));
          assert.deepEqual(trained, served.data, `${c.name} ${r.mode}`);
          assert.deepEqual(trained, fromBase64(r.data), `${c.name} ${r.mode} vs Pillow`);
        },
      );
    }
  }
});

test('folders that cannot make a dataset are DatasetErrors naming the folder or file', () => {
  withFolder(
    () => undefined,
    (root) => {
      const size = { height: 4, width: 4, channels: 1 } as const;
      assert.throws(() => loadImageFolder(join(root, 'missing'), size), { name: 'DatasetError', message: /missing: no such folder/ });
      mkdirSync(join(root, 'only'));
      writeFileSync(join(root, 'only', 'a.png'), solid(4, 4, [9, 9, 9]));
      mkdirSync(join(root, '.hidden'));
      assert.throws(() => loadImageFolder(root, size), { name: 'DatasetError', message: /at least two class subfolders, found 1 \('only'\)/ });
      mkdirSync(join(root, 'empty'));
      assert.throws(() => loadImageFolder(root, size), { name: 'DatasetError', message: /empty: no \.png or \.jpg images/ });
      writeFileSync(join(root, 'empty', 'broken.jpg'), 'not a jpeg');
      assert.throws(() => loadImageFolder(root, size), { name: 'DatasetError', message: /broken\.jpg: not a readable image \(not a PNG or JPEG/ });
      writeFileSync(join(root, 'empty', 'broken.jpg'), solid(4, 4, [1, 2, 3]).subarray(0, 60));
      assert.throws(() => loadImageFolder(root, size), { name: 'DatasetError', message: /broken\.jpg: not a readable image \(PNG is truncated/ });
    },
  );
});
