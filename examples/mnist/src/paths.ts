/** Where the example's files are, from src/ (tests via tsx) or dist/ (compiled tests): one level up. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const modelPath = join(exampleDir, 'model.tflite');

/** Skip reason for tests that need the trained model, or false when it is there. */
export function skipWithoutModel(): string | false {
  return existsSync(modelPath) ? false : `examples/mnist/model.tflite not found (train it first): skipping`;
}
