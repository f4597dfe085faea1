/**
 * The shape of an options codec: one per schema options table (or family of identical tables), pairing the
 * parser (flatbuffer table → core/options.ts object, with the schema's defaults) with the writer used by the
 * builder. Keeping both in one place keeps their field ids in agreement.
 */
import type { Builder } from 'flatbuffers';
import type { DType } from '../../core/dtype.js';
import { ModelFormatError, UnsupportedError } from '../../core/errors.js';
import type { BuiltinOptions, FusedActivation } from '../../core/options.js';
import type { Table } from '../flatbuffer_reader.js';
import { ACTIVATIONS, codeOfDtype, dtypeOfCode, tensorTypeName } from '../schema_enums.js';

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

/** One scalar field of an options table: how to read it (with its schema default) and write it back. */
export interface FieldCodec<V> {
  read(t: Table): V;
  write(b: Builder, v: V): void;
}

export function int32At(id: number, defaultValue: number): FieldCodec<number> {
  return { read: (t) => t.int32(id, defaultValue), write: (b, v) => b.addFieldInt32(id, v, defaultValue) };
}

/** A bool field defaulting to false (stored as one byte). */
export function boolAt(id: number): FieldCodec<boolean> {
  return { read: (t) => t.bool(id, false), write: (b, v) => b.addFieldInt8(id, v ? 1 : 0, 0) };
}

/** A float32 field; `writeDefault` null writes it even when it equals the schema default. */
export function float32At(id: number, defaultValue: number, writeDefault: number | null = defaultValue): FieldCodec<number> {
  return { read: (t) => t.float32(id, defaultValue), write: (b, v) => b.addFieldFloat32(id, v, writeDefault) };
}

/** An int8 enum field (default code 0); `what` names it in read errors, `writeWhat` in write errors. */
export function enumAt<T>(id: number, values: readonly T[], what: string, writeWhat: string): FieldCodec<T> {
  return {
    read: (t) => enumField(t, id, values, what),
    write: (b, v) => b.addFieldInt8(id, enumCode(values, v, writeWhat), 0),
  };
}

/** The fused_activation_function field at `id`. */
export function activationAt(id: number): FieldCodec<FusedActivation> {
  return enumAt(id, ACTIVATIONS, 'fused activation', 'activation');
}

/** The codec fields of an options type: one per member but `kind`. */
export type FieldCodecs<O extends BuiltinOptions> = { readonly [K in Exclude<keyof O, 'kind'>]: FieldCodec<O[K]> };

/**
 * A codec for tables made only of scalar fields, read and written in the order `fields` lists them; `slots`
 * is the table's field count (highest id + 1). The parsed `kind` is the table read.
 */
export function scalarTableCodec<O extends BuiltinOptions>(
  tables: readonly O['kind'][],
  slots: number,
  fields: FieldCodecs<O>,
): OptionsCodec<O> {
  const keys = Object.keys(fields) as Exclude<keyof O, 'kind'>[];
  return {
    tables,
    parse: (t, table) => {
      const o: Record<string, unknown> = { kind: table };
      for (const key of keys) o[key as string] = fields[key].read(t);
      return o as O;
    },
    write: (b, o) => {
      b.startObject(slots);
      for (const key of keys) fields[key].write(b, o[key]);
      return b.endObject();
    },
  };
}
