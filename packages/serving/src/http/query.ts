/** Typed reads of query parameters; a malformed value is a 400 naming the parameter. */
import { HttpError } from './errors.js';
import type { HttpRequest } from './types.js';

function invalid(name: string, raw: string, expected: string): never {
  throw new HttpError('INVALID_QUERY', `${name} must be ${expected}, got '${raw.slice(0, 20)}'`);
}

export function queryInt(req: HttpRequest, name: string, min = 1): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min) invalid(name, raw, min === 1 ? 'a positive integer' : `an integer ≥ ${min}`);
  return n;
}

export function queryNumber(req: HttpRequest, name: string): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) invalid(name, raw, 'a number');
  return n;
}

export function queryBool(req: HttpRequest, name: string): boolean | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (['true', '1', ''].includes(raw)) return true;
  if (['false', '0'].includes(raw)) return false;
  return invalid(name, raw, 'true or false');
}

/** A comma-separated list (empty entries dropped). */
export function queryList(req: HttpRequest, name: string): string[] | undefined {
  const raw = req.query[name];
  return raw === undefined ? undefined : raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function queryChoice<T extends string>(req: HttpRequest, name: string, choices: readonly T[]): T | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) invalid(name, raw, `one of ${choices.join(', ')}`);
  return raw as T;
}
