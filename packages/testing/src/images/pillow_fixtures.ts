/**
 * Test support: the Pillow parity fixtures written by scripts/make_pillow_fixtures.py, found relative to
 * the package root so tests run the same from src/ and from dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PillowResized {
  mode: 'L' | 'RGB';
  width: number;
  height: number;
  data: string;
}

export interface PillowCase {
  name: string;
  file: string;
  /** The mode Pillow opened the file in ("1", "L", "I", "LA", "P", "RGB", "RGBA"). */
  pillowMode: string;
  width: number;
  height: number;
  /** base64 of convert('L') and convert('RGB') at full size. */
  gray: string;
  rgb: string;
  resized: PillowResized[];
}

/** This package's root (the folder holding `fixtures/`), found from src/ and from dist/ alike. */
export function testingPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"@tflite-lambda/testing"')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`@tflite-lambda/testing package root not found above ${from}`);
    dir = parent;
  }
  return dir;
}

export function pillowFixtureDir(): string {
  return join(testingPackageRoot(), 'fixtures', 'pillow');
}

export function loadPillowCases(): PillowCase[] {
  const doc = JSON.parse(readFileSync(join(pillowFixtureDir(), 'cases.json'), 'utf8')) as { cases: PillowCase[] };
  return doc.cases;
}

export function readFixtureImage(c: PillowCase): Uint8Array {
  return new Uint8Array(readFileSync(join(pillowFixtureDir(), c.file)));
}

export function fromBase64(data: string): Uint8Array {
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/** Largest absolute per-sample difference, and how many samples differ at all. */
export function compareSamples(actual: Uint8Array, expected: Uint8Array): { maxDiff: number; differing: number; meanDiff: number } {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != expected ${expected.length}`);
  let maxDiff = 0;
  let differing = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (d > maxDiff) maxDiff = d;
    if (d !== 0) differing++;
    total += d;
  }
  return { maxDiff, differing, meanDiff: total / Math.max(1, actual.length) };
}
