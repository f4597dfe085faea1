/**
 * Reproducers of crashes and budget violations found by fuzzing, kept as files under
 * `fixtures/regressions/<area>/` and replayed by a test of that area, so a fixed bug stays fixed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testingPackageRoot } from './images/pillow_fixtures.js';

export interface Regression {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function regressionDir(area: string): string {
  return join(testingPackageRoot(), 'fixtures', 'regressions', area);
}

/** The reproducers of `area` with the given extension (e.g. '.tflite'), sorted by name. */
export function listRegressions(area: string, extension: string): Regression[] {
  const dir = regressionDir(area);
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}
