/** esbuild's failures (a BuildFailure carrying located messages) as one line for the CLI. */
import type { Message } from 'esbuild';

function isBuildFailure(err: unknown): err is Error & { errors: Message[] } {
  return err instanceof Error && Array.isArray((err as { errors?: unknown }).errors);
}

function formatMessage(m: Message): string {
  const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
  return `${where}${m.text}`;
}

/** `cannot bundle <entry>: <file>:<line>:<col>: <first problem> (and N more)`. */
export function buildFailureMessage(entry: string, err: unknown): string {
  if (!isBuildFailure(err) || err.errors.length === 0) {
    return `cannot bundle ${entry}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
  const [first, ...rest] = err.errors;
  const more = rest.length ? ` (and ${rest.length} more)` : '';
  return `cannot bundle ${entry}: ${formatMessage(first)}${more}`;
}
