/**
 * Reads the FlexBuffer map that TFLite custom operators keep their options in (`Operator.custom_options`,
 * format FLEXBUFFERS), as written by the FlexBuffers C++ builder the converter uses. Layout facts from the
 * FlexBuffers spec: the last byte is the root's byte width, the one before it the root's packed type
 * (type << 2 | child bit width); offsets count backwards from where they are stored; a map keeps its length,
 * byte width and keys vector just before its values, and one packed type byte per value just after them.
 * Only what options use is decoded: scalars (inline or indirect), booleans, strings, null, and vectors of
 * numbers or booleans (typed, fixed-length typed and untyped) as number arrays; nested maps, blobs and vectors
 * of strings or vectors are skipped.
 */
import { ModelFormatError } from '../core/errors.js';

export type FlexScalar = number | boolean | string | null;
export type FlexValue = FlexScalar | readonly number[];

enum T {
  Null = 0, Int = 1, UInt = 2, Float = 3, Key = 4, String = 5, IndirectInt = 6, IndirectUInt = 7, IndirectFloat = 8,
  Map = 9, Vector = 10, VectorInt = 11, VectorFloat = 13, VectorInt2 = 16, VectorFloat4 = 24, Bool = 26, VectorBool = 36,
}

class Bytes {
  private readonly view: DataView;
  constructor(readonly b: Uint8Array, private readonly what: string) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  fail(message: string): never {
    throw new ModelFormatError(`${this.what}: malformed FlexBuffer (${message})`);
  }

  private check(at: number, width: number): void {
    if (!Number.isInteger(at) || at < 0 || at + width > this.b.length) this.fail(`read of ${width} bytes at ${at} is out of bounds`);
  }

  uint(at: number, width: number): number {
    return this.integer(at, width, false);
  }

  int(at: number, width: number): number {
    return this.integer(at, width, true);
  }

  private integer(at: number, width: number, signed: boolean): number {
    this.check(at, width);
    const v = this.view;
    switch (width) {
      case 1: return signed ? v.getInt8(at) : v.getUint8(at);
      case 2: return signed ? v.getInt16(at, true) : v.getUint16(at, true);
      case 4: return signed ? v.getInt32(at, true) : v.getUint32(at, true);
      case 8: return Number(signed ? v.getBigInt64(at, true) : v.getBigUint64(at, true));
      default: return this.fail(`byte width ${width}`);
    }
  }

  float(at: number, width: number): number {
    this.check(at, width);
    if (width === 4) return this.view.getFloat32(at, true);
    if (width === 8) return this.view.getFloat64(at, true);
    return this.fail(`float of ${width} bytes`);
  }

  /** The address an offset stored at `at` (width `width`) points to. */
  target(at: number, width: number): number {
    return at - this.uint(at, width);
  }

  cString(at: number): string {
    let end = at;
    while (end < this.b.length && this.b[end] !== 0) end++;
    if (end >= this.b.length) this.fail('unterminated key');
    return new TextDecoder().decode(this.b.subarray(at, end));
  }
}

/** The value stored at `at` with the parent's byte width and its packed type. */
function scalar(r: Bytes, at: number, parentWidth: number, packed: number): FlexScalar | undefined {
  const type = packed >> 2;
  const childWidth = 1 << (packed & 3);
  switch (type) {
    case T.Null: return null;
    case T.Int: return r.int(at, parentWidth);
    case T.UInt: return r.uint(at, parentWidth);
    case T.Float: return r.float(at, parentWidth);
    case T.Bool: return r.uint(at, parentWidth) !== 0;
    case T.IndirectInt: return r.int(r.target(at, parentWidth), childWidth);
    case T.IndirectUInt: return r.uint(r.target(at, parentWidth), childWidth);
    case T.IndirectFloat: return r.float(r.target(at, parentWidth), childWidth);
    case T.Key: return r.cString(r.target(at, parentWidth));
    case T.String: {
      const s = r.target(at, parentWidth);
      const length = r.uint(s - childWidth, childWidth);
      if (s + length > r.b.length) r.fail('string runs past the end');
      return new TextDecoder().decode(r.b.subarray(s, s + length));
    }
    default: return undefined;
  }
}

/** A number read from a typed vector element of `type` (VectorInt + 0/1/2 = int, uint, float). */
function element(r: Bytes, at: number, width: number, kind: number): number {
  return kind === 0 ? r.int(at, width) : kind === 1 ? r.uint(at, width) : r.float(at, width);
}

/** A vector of numbers or booleans as a number array; undefined for other vectors (of strings, maps, …). */
function numberVector(r: Bytes, at: number, parentWidth: number, packed: number): number[] | undefined {
  const type = packed >> 2;
  const width = 1 << (packed & 3);
  const v = r.target(at, parentWidth);
  if (type >= T.VectorInt2 && type <= T.VectorFloat4) {
    const length = Math.floor((type - T.VectorInt2) / 3) + 2;
    return Array.from({ length }, (_, i) => element(r, v + i * width, width, (type - T.VectorInt2) % 3));
  }
  const length = r.uint(v - width, width);
  if (v + length * width > r.b.length) r.fail('vector runs past the end');
  if (type === T.VectorBool) return Array.from({ length }, (_, i) => r.uint(v + i * width, width));
  if (type >= T.VectorInt && type <= T.VectorFloat) {
    return Array.from({ length }, (_, i) => element(r, v + i * width, width, type - T.VectorInt));
  }
  if (type !== T.Vector) return undefined;
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const item = scalar(r, v + i * width, width, r.uint(v + length * width + i, 1));
    if (typeof item === 'boolean') out.push(item ? 1 : 0);
    else if (typeof item === 'number') out.push(item);
    else return undefined;
  }
  return out;
}

/** The root map of `bytes` as key → value (nested maps are left out). `what` names the bytes in errors. */
export function readFlexMap(bytes: Uint8Array, what: string): Map<string, FlexValue> {
  const r = new Bytes(bytes, what);
  if (bytes.length < 3) r.fail(`${bytes.length} bytes`);
  const rootWidth = bytes[bytes.length - 1]!;
  const rootPacked = bytes[bytes.length - 2]!;
  const rootAt = bytes.length - 2 - rootWidth;
  if (rootPacked >> 2 !== T.Map) r.fail(`the root is of type ${rootPacked >> 2}, not a map`);
  const m = r.target(rootAt, rootWidth);
  const w = 1 << (rootPacked & 3);
  const length = r.uint(m - w, w);
  const keysAt = r.target(m - 3 * w, w);
  const keyWidth = r.uint(m - 2 * w, w);
  if (r.uint(keysAt - keyWidth, keyWidth) !== length) r.fail('the keys and values differ in number');
  const out = new Map<string, FlexValue>();
  for (let i = 0; i < length; i++) {
    const key = r.cString(r.target(keysAt + i * keyWidth, keyWidth));
    const packed = r.uint(m + length * w + i, 1);
    const value = scalar(r, m + i * w, w, packed) ?? numberVector(r, m + i * w, w, packed);
    if (value !== undefined) out.set(key, value);
  }
  return out;
}
