import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { loadImageFolder } from './image_folder.js';

function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const img = new pngjs.PNG({ width, height });
  for (let i = 0; i < width * height; i++) img.data.set([...rgb, 255], i * 4);
  return pngjs.PNG.sync.write(img);
}

test('loads one class per subfolder (sorted), resizes and converts to grayscale', () => {
  const root = mkdtempSync(join(tmpdir(), 'imgfolder-'));
  try {
    mkdirSync(join(root, 'cat'));
    mkdirSync(join(root, 'ant'));
    writeFileSync(join(root, 'cat', 'a.png'), png(8, 8, [255, 255, 255]));
    writeFileSync(join(root, 'cat', 'b.png'), png(3, 5, [255, 0, 0]));
    writeFileSync(join(root, 'ant', 'x.png'), png(4, 4, [0, 0, 0]));
    writeFileSync(join(root, 'ant', 'notes.txt'), 'ignored');
    const d = loadImageFolder(root, { height: 4, width: 4, channels: 1 });
    assert.deepEqual(d.classNames, ['ant', 'cat']);
    assert.equal(d.count, 3);
    assert.deepEqual([...d.labels], [0, 1, 1]);
    assert.equal(d.images.length, 3 * 16);
    assert.ok(d.images.subarray(0, 16).every((v) => v === 0));
    assert.ok(d.images.subarray(16, 32).every((v) => v === 255));
    // Pure red has luma 0.299·255 ≈ 76.
    assert.ok(d.images.subarray(32, 48).every((v) => v === 76));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
