/** Where the example's files are, from src/ (tests via tsx) or dist/ (compiled tests): one level up. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const modelDir = join(exampleDir, 'models');
