/**
 * The hash table resource behind HASHTABLE / HASHTABLE_IMPORT / HASHTABLE_FIND / HASHTABLE_SIZE (TFLite's
 * StaticHashtable in experimental/resource/static_hashtable.cc): created empty for a (key, value) dtype pair,
 * filled once by its first import (later imports are no-ops, since the converter leaves the initializer in the
 * main graph and it runs on every invoke), then looked up with a default for missing keys. An import keeps the
 * first value of a key that appears twice (std::unordered_map::insert does not overwrite).
 *
 * TFLite builds tables for int64 → string and string → int64 only. Keys are held as JS map keys: an int64 as
 * its bigint, a string's bytes as a latin1 string (one char per byte, so distinct byte strings stay distinct).
 */
import type { DType } from '../../core/dtype.js';

export type HashtableDType = 'int64' | 'string';
export type HashtableValue = bigint | Uint8Array;

/** The (key, value) dtype pairs TFLite has tables for. */
export function isSupportedHashtable(keyDtype: DType | null, valueDtype: DType | null): boolean {
  return (keyDtype === 'int64' && valueDtype === 'string') || (keyDtype === 'string' && valueDtype === 'int64');
}

function mapKey(key: bigint | Uint8Array): bigint | string {
  if (typeof key === 'bigint') return key;
  let s = '';
  for (let i = 0; i < key.length; i += 4096) s += String.fromCharCode(...key.subarray(i, i + 4096));
  return s;
}

export class StaticHashtable {
  private readonly map = new Map<bigint | string, HashtableValue>();
  private initialized = false;

  constructor(
    readonly keyDtype: HashtableDType,
    readonly valueDtype: HashtableDType,
  ) {}

  get isInitialized(): boolean {
    return this.initialized;
  }

  get size(): number {
    return this.map.size;
  }

  /** Fills the table from parallel key and value lists, the first time only. */
  import(keys: readonly (bigint | Uint8Array)[], values: readonly HashtableValue[]): void {
    if (this.initialized) return;
    keys.forEach((k, i) => {
      const key = mapKey(k);
      if (!this.map.has(key)) this.map.set(key, values[i]!);
    });
    this.initialized = true;
  }

  /** The value of `key`, or undefined when the table has none. */
  find(key: bigint | Uint8Array): HashtableValue | undefined {
    return this.map.get(mapKey(key));
  }
}
