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

test('folders that cannot make a dataset are DatasetErrors naming the folder or file', () => {
  const root = mkdtempSync(join(tmpdir(), 'imgfolder-'));
  try {
    assert.throws(() => loadImageFolder(join(root, 'missing'), { height: 4, width: 4, channels: 1 }), { name: 'DatasetError', message: /missing: no such folder/ });
    mkdirSync(join(root, 'only'));
    writeFileSync(join(root, 'only', 'a.png'), png(4, 4, [9, 9, 9]));
    mkdirSync(join(root, '.hidden'));
    assert.throws(() => loadImageFolder(root, { height: 4, width: 4, channels: 1 }), { name: 'DatasetError', message: /at least two class subfolders, found 1 \('only'\)/ });
    mkdirSync(join(root, 'empty'));
    assert.throws(() => loadImageFolder(root, { height: 4, width: 4, channels: 1 }), { name: 'DatasetError', message: /empty: no \.png or \.jpg images/ });
    writeFileSync(join(root, 'empty', 'broken.jpg'), 'not a jpeg');
    assert.throws(() => loadImageFolder(root, { height: 4, width: 4, channels: 1 }), { name: 'DatasetError', message: /broken\.jpg: not a readable image/ });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
