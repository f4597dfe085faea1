import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError } from './command.js';

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * Parses `--name value`, `--name=value` and bare `--flag` (for names listed in `booleans`) with node's
 * util.parseArgs in strict mode; `-h` is `--help`. Unknown names and missing values are a UsageError so typos
 * do not pass silently.
 */
export function parseArgs(args: string[], spec: { values?: string[]; booleans?: string[] }): ParsedArgs {
  const options: OptionSpec = { help: { type: 'boolean', short: 'h' } };
  for (const name of spec.values ?? []) options[name] = { type: 'string' };
  for (const name of spec.booleans ?? []) options[name] = { type: 'boolean' };
  const parsed = parseStrict(args, options);
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') flags.set(name, value);
    else if (value === true) flags.set(name, true);
  }
  return { positional: parsed.positionals, flags };
}

function parseStrict(args: string[], options: OptionSpec) {
  try {
    return parseNodeArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(parseErrorMessage(err));
  }
}

/** util.parseArgs explains over several lines; the CLI prints one. */
function parseErrorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(err.message)?.[1];
    if (name !== undefined) return `unknown option ${name}`;
  }
  return err.message.split('\n').join(' ');
}

export function stringFlag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function intFlag(p: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(p, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got '${v}'`);
  return n;
}
