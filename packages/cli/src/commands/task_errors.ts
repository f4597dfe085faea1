/** The tasks' and images' own errors, as the one-line CommandError the CLI prints (exit code 1). */
import { ImageError, TaskError } from '@tflite-lambda/serving';
import { CommandError } from '../command.js';

export async function asCommandErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TaskError || err instanceof ImageError) throw new CommandError(err.message);
    throw err;
  }
}
