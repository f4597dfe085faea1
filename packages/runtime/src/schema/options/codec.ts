/**
 * The shape of an options codec: one per schema options table (or family of identical tables), pairing the
 * parser (flatbuffer table → core/options.ts object, with the schema's defaults) with the writer used by the
 * builder. Keeping both in one place keeps their field ids in agreement.
 */
import type { Builder } from 'flatbuffers';
import type { DType } from '../../core/dtype.js';
import { ModelFormatError, UnsupportedError } from '../../core/errors.js';
import type { BuiltinOptions } from '../../core/options.js';
import type { Table } from '../flatbuffer_reader.js';
import { codeOfDtype, dtypeOfCode, tensorTypeName } from '../schema_enums.js';

export interface OptionsCodec<O extends BuiltinOptions> {
  /** Schema table names this codec reads; the parsed object's `kind` is one of them. */
  readonly tables: readonly O['kind'][];
  parse(t: Table, table: O['kind']): O;
  /** Writes the table and returns its offset. */
  write(b: Builder, o: O): number;
}

/** A codec with its type parameter erased, as the registry stores it. */
export interface ErasedCodec {
  readonly tables: readonly string[];
  parse(t: Table, table: string): BuiltinOptions;
  write(b: Builder, o: BuiltinOptions): number;
}

export function erase<O extends BuiltinOptions>(c: OptionsCodec<O>): ErasedCodec {
  return {
    tables: c.tables,
    parse: (t, table) => c.parse(t, table as O['kind']),
    write: (b, o) => c.write(b, o as O),
  };
}

/** Decodes an enum field, rejecting values past the enum's list. */
export function enumField<T>(t: Table, id: number, values: readonly T[], what: string): T {
  const code = t.int8(id, 0);
  const v = values[code];
  if (v === undefined) throw new ModelFormatError(`${t.where}: ${what} ${code} is not a valid value`);
  return v;
}

export function enumCode<T>(values: readonly T[], v: T, what: string): number {
  const i = values.indexOf(v);
  if (i < 0) throw new TypeError(`cannot write ${what} ${String(v)}`);
  return i;
}

/** A TensorType field as a runtime dtype; null when the field is absent. */
export function dtypeField(t: Table, id: number, what: string): DType | null {
  if (!t.has(id)) return null;
  const code = t.int8(id, 0);
  const d = dtypeOfCode(code);
  if (d === null) throw new UnsupportedError(`${t.where}: ${what} ${tensorTypeName(code)} is not supported`);
  return d;
}

/** Writes a TensorType field even when it equals the schema default, so "absent" and FLOAT32 stay distinct. */
export function addDtype(b: Builder, id: number, d: DType | null): void {
  if (d !== null) b.addFieldInt8(id, codeOfDtype(d), null);
}

export function int32Vector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
  return b.endVector();
}
