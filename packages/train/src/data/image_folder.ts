/**
 * Loads a folder of images with one subfolder per class (`root/<class>/*.png|jpg`), as AutoKeras users keep
 * their data. Each image goes through the same pipeline as serving (`@tflite-lambda/vision`'s prepareImage:
 * the libjpeg-exact JPEG and Pillow-shaped PNG decoders, Pillow's convert('L'/'RGB') and its bicubic
 * resize, within the same image limits), so a model trains on the pixels it will be served. Class names are
 * the sorted subfolder names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ImageError, prepareImage, type PixelTarget } from '@tflite-lambda/vision';
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
  /** 1 = grayscale (Pillow's L), 3 = RGB. */
  readonly channels: 1 | 3;
}

/** One file's pixels at the dataset's size; an image the pipeline refuses is a DatasetError naming the file. */
export function loadImageFile(path: string, o: ImageFolderOptions): Uint8Array {
  const target: PixelTarget = { width: o.width, height: o.height, channels: o.channels };
  try {
    return prepareImage(new Uint8Array(readFileSync(path)), target).data;
  } catch (err) {
    if (err instanceof ImageError) throw new DatasetError(`${path}: not a readable image (${err.message})`);
    throw err;
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
    images.set(loadImageFile(f.path, o), i * size);
    labels[i] = f.label;
  });
  return { images, labels, count: files.length, height: o.height, width: o.width, channels: o.channels, classNames };
}
