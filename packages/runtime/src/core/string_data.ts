/**
 * STRING tensors. TFLite stores a string tensor as one buffer: int32 count N, N + 1 int32 byte offsets (from
 * the buffer's start; the last one is the buffer's length), then the strings' bytes back to back. A string is
 * bytes, not text: nothing here decodes them unless asked to.
 *
 * In the runtime a string tensor's `data` is a StringArray: a Uint8Array of one placeholder byte per element
 * (so the tensor has an arena slot of its own, and `data.length` is its element count like every other
 * tensor's) that carries the elements themselves in `strings`. Data-movement kernels copy `strings` entries.
 */
import { ModelFormatError, TensorError } from './errors.js';

const EMPTY = new Uint8Array(0);
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

export class StringArray extends Uint8Array {
  /** One entry per element: that string's bytes. */
  strings: Uint8Array[];

  constructor(length: number);
  constructor(buffer: ArrayBufferLike, byteOffset: number, length: number);
  constructor(a: number | ArrayBufferLike, byteOffset?: number, length?: number) {
    if (typeof a === 'number') super(a);
    else super(a as ArrayBuffer, byteOffset, length);
    this.strings = new Array<Uint8Array>(this.length).fill(EMPTY);
  }

  /** A copy that keeps the strings (the inherited slice would keep only the placeholder bytes). */
  override slice(start?: number, end?: number): StringArray {
    const strings = this.strings.slice(start, end);
    const copy = new StringArray(strings.length);
    copy.strings = strings;
    return copy;
  }

  /** The elements as text (UTF-8). */
  toStrings(): string[] {
    return this.strings.map((v) => utf8Decoder.decode(v));
  }

  static fromStrings(strings: readonly (string | Uint8Array)[]): StringArray {
    const out = new StringArray(strings.length);
    out.strings = strings.map((s) => (typeof s === 'string' ? utf8Encoder.encode(s) : s));
    return out;
  }
}

/** The UTF-8 bytes of `s`. */
export function utf8Bytes(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

/** Parses a TFLite string buffer; `expected` is the tensor's element count. */
export function decodeStringBuffer(bytes: Uint8Array, expected: number, where: string): StringArray {
  const fail = (why: string): never => {
    throw new ModelFormatError(`${where}: malformed string buffer (${why})`);
  };
  if (bytes.byteLength < 4) fail(`${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getInt32(0, true);
  if (count !== expected) fail(`holds ${count} strings, the tensor's shape has ${expected} elements`);
  const header = 4 * (count + 2);
  if (header > bytes.byteLength) fail(`${count} strings need a ${header}-byte header, buffer is ${bytes.byteLength}`);
  const out = new StringArray(count);
  let previous = view.getInt32(4, true);
  if (previous !== header) fail(`first string starts at ${previous}, header ends at ${header}`);
  for (let i = 0; i < count; i++) {
    const end = view.getInt32(4 * (i + 2), true);
    if (end < previous || end > bytes.byteLength) fail(`string ${i} spans [${previous}, ${end}) of ${bytes.byteLength} bytes`);
    out.strings[i] = bytes.slice(previous, end);
    previous = end;
  }
  return out;
}

/** Serializes strings into TFLite's string buffer format. */
export function encodeStringBuffer(values: readonly Uint8Array[]): Uint8Array {
  const header = 4 * (values.length + 2);
  const total = values.reduce((s, v) => s + v.byteLength, header);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setInt32(0, values.length, true);
  let at = header;
  values.forEach((v, i) => {
    view.setInt32(4 * (i + 1), at, true);
    out.set(v, at);
    at += v.byteLength;
  });
  view.setInt32(4 * (values.length + 1), at, true);
  return out;
}

/** Checks a caller's string[] for setTensor. */
export function stringsFromCaller(values: unknown, expected: number, what: string): Uint8Array[] {
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' || v instanceof Uint8Array)) {
    throw new TensorError(`${what}: a string tensor takes an array of strings`);
  }
  if (values.length !== expected) throw new TensorError(`${what}: ${values.length} strings given, the tensor holds ${expected}`);
  return values.map((v: string | Uint8Array) => (typeof v === 'string' ? utf8Encoder.encode(v) : v.slice()));
}
