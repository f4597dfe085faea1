/**
 * Writes a FlexBuffer map: the form TFLite custom operators take their options in
 * (`BuilderOperator.customOptions`). Values are scalars (integers as int64, other numbers as float64,
 * booleans as 0/1) or number arrays (a typed vector of int64, or of float64 when any element is fractional).
 * Every slot is 8 bytes wide, which any FlexBuffers reader accepts. Keys are sorted, as map lookups
 * binary-search them. Offsets point backwards, so vectors and keys are written before the map.
 */
export type FlexMapValue = number | boolean | readonly number[];

const INT = 1, FLOAT = 3, MAP = 9, VECTOR_INT = 11, VECTOR_FLOAT = 13, BOOL = 26;
const W = 8;
/** Bit-width code of 8-byte children, in the low bits of a packed type. */
const W64 = 3;

class Writer {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  align(): void {
    this.reserve(W);
    this.length += (W - (this.length % W)) % W;
  }

  raw(b: Uint8Array): number {
    this.reserve(b.length);
    const at = this.length;
    this.bytes.set(b, at);
    this.length += b.length;
    return at;
  }

  /** An 8-byte slot holding `v` as int64, float64 or (for an offset) the distance back to `v`. */
  slot(v: number, as: 'int' | 'float' | 'offset'): number {
    this.reserve(W);
    const at = this.length;
    if (as === 'float') this.view.setFloat64(at, v, true);
    else this.view.setBigInt64(at, BigInt(as === 'offset' ? at - v : v), true);
    this.length += W;
    return at;
  }

  byte(v: number): void {
    this.reserve(1);
    this.bytes[this.length++] = v;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

const isFloatVector = (v: readonly number[]) => v.some((x) => !Number.isInteger(x));

/** Writes a typed vector's length and elements; returns where its elements start. */
function writeVector(w: Writer, v: readonly number[]): number {
  w.align();
  w.slot(v.length, 'int');
  const start = w.length;
  const float = isFloatVector(v);
  for (const x of v) w.slot(x, float ? 'float' : 'int');
  return start;
}

function typeOf(v: FlexMapValue): number {
  if (typeof v === 'boolean') return BOOL;
  if (typeof v === 'number') return Number.isInteger(v) ? INT : FLOAT;
  return isFloatVector(v) ? VECTOR_FLOAT : VECTOR_INT;
}

export function flexMap(entries: Readonly<Record<string, FlexMapValue>>): Uint8Array {
  const keys = Object.keys(entries).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const w = new Writer();
  const enc = new TextEncoder();
  const keyAt = keys.map((k) => w.raw(enc.encode(`${k}\0`)));
  const vectorAt = keys.map((k) => {
    const v = entries[k]!;
    return typeof v === 'object' ? writeVector(w, v) : -1;
  });
  w.align();
  w.slot(keys.length, 'int');
  const keysVector = w.length;
  for (const at of keyAt) w.slot(at, 'offset');
  w.slot(keysVector, 'offset');
  w.slot(W, 'int');
  w.slot(keys.length, 'int');
  const mapValues = w.length;
  keys.forEach((k, i) => {
    const v = entries[k]!;
    if (typeof v === 'object') w.slot(vectorAt[i]!, 'offset');
    else if (typeof v === 'boolean') w.slot(v ? 1 : 0, 'int');
    else w.slot(v, Number.isInteger(v) ? 'int' : 'float');
  });
  for (const k of keys) w.byte((typeOf(entries[k]!) << 2) | W64);
  w.align();
  w.slot(mapValues, 'offset');
  w.byte((MAP << 2) | W64);
  w.byte(W);
  return w.result();
}
