/**
 * Loads a folder of images with one subfolder per class (`root/<class>/*.png|jpg`), as AutoKeras users keep
 * their data. Images are decoded (pngjs, jpeg-js), converted to the requested channels and resized by
 * bilinear sampling to a common size. Class names are the sorted subfolder names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import pngjs from 'pngjs';
import jpeg from 'jpeg-js';
import type { ImageDataset } from './dataset.js';

/** A folder that cannot be used as a dataset: the message names the folder or file and the problem. */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

export interface ImageFolderOptions {
  readonly height: number;
  readonly width: number;
  /** 1 = grayscale (luma), 3 = RGB. */
  readonly channels: 1 | 3;
}

interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

function decode(path: string): Rgba {
  const bytes = readFileSync(path);
  try {
    if (extname(path).toLowerCase() === '.png') {
      const png = pngjs.PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width: img.width, height: img.height, data: img.data };
  } catch (err) {
    throw new DatasetError(`${path}: not a readable image (${err instanceof Error ? err.message : String(err)})`);
  }
}

const IMAGE_FILE = /\.(png|jpe?g)$/i;
/** Labels are stored as bytes. */
const MAX_CLASSES = 256;

/** The sorted class subfolders of `root` (hidden ones skipped), checked to make a usable dataset. */
function classFolders(root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    throw new DatasetError(`${root}: no such folder`);
  }
  const names = entries.filter((n) => !n.startsWith('.') && statSync(join(root, n)).isDirectory()).sort();
  if (names.length < 2) {
    throw new DatasetError(`${root}: a classifier needs at least two class subfolders, found ${names.length}${names.length ? ` ('${names[0]}')` : ''}`);
  }
  if (names.length > MAX_CLASSES) throw new DatasetError(`${root}: ${names.length} class subfolders, at most ${MAX_CLASSES} are supported`);
  return names;
}

/** Bilinear resample of an RGBA image into `out` (NHWC, `channels` per pixel) at `offset`. */
export function resizeInto(img: Rgba, o: ImageFolderOptions, out: Uint8Array, offset: number): void {
  const sy = img.height / o.height;
  const sx = img.width / o.width;
  for (let y = 0; y < o.height; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(img.height - 1, y0 + 1), wy = fy - y0;
    for (let x = 0; x < o.width; x++) {
      const fx = Math.min(img.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(img.width - 1, x0 + 1), wx = fx - x0;
      const px = (yy: number, xx: number, c: number) => img.data[(yy * img.width + xx) * 4 + c];
      const sample = (c: number) =>
        (px(y0, x0, c) * (1 - wx) + px(y0, x1, c) * wx) * (1 - wy) + (px(y1, x0, c) * (1 - wx) + px(y1, x1, c) * wx) * wy;
      const base = offset + (y * o.width + x) * o.channels;
      if (o.channels === 3) for (let c = 0; c < 3; c++) out[base + c] = Math.round(sample(c));
      else out[base] = Math.round(0.299 * sample(0) + 0.587 * sample(1) + 0.114 * sample(2));
    }
  }
}

export function loadImageFolder(root: string, o: ImageFolderOptions): ImageDataset {
  const classNames = classFolders(root);
  const files: { path: string; label: number }[] = [];
  classNames.forEach((name, label) => {
    const images = readdirSync(join(root, name)).filter((f) => IMAGE_FILE.test(f)).sort();
    if (images.length === 0) throw new DatasetError(`${join(root, name)}: no .png or .jpg images in this class folder`);
    for (const f of images) files.push({ path: join(root, name, f), label });
  });
  const size = o.height * o.width * o.channels;
  const images = new Uint8Array(files.length * size);
  const labels = new Uint8Array(files.length);
  files.forEach((f, i) => {
    const img = decode(f.path);
    resizeInto(img, o, images, i * size);
    labels[i] = f.label;
  });
  return { images, labels, count: files.length, height: o.height, width: o.width, channels: o.channels, classNames };
}
