/**
 * Writes a FlexBuffer map of scalars: the form TFLite custom operators take their options in
 * (`BuilderOperator.customOptions`). Every slot is 8 bytes wide — integers as int64, other numbers as float64,
 * booleans as 0/1 — which any FlexBuffers reader accepts. Keys are sorted, as map lookups binary-search them.
 */
export type FlexMapValue = number | boolean;

const INT = 1, FLOAT = 3, MAP = 9, BOOL = 26;
const W = 8;
/** Bit-width code of 8-byte children, in the low bits of a packed type. */
const W64 = 3;

export function flexMap(entries: Readonly<Record<string, FlexMapValue>>): Uint8Array {
  const keys = Object.keys(entries).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const enc = new TextEncoder();
  const keyBytes = keys.map((k) => enc.encode(k));
  const keysLength = keyBytes.reduce((n, k) => n + k.length + 1, 0);
  const pad = (n: number) => (W - (n % W)) % W;
  const keysVector = keysLength + pad(keysLength) + W; // after the length slot
  const mapValues = keysVector + keys.length * W + 3 * W; // after keys offset, key width and length
  const typesAt = mapValues + keys.length * W;
  const rootAt = typesAt + keys.length + pad(typesAt + keys.length);
  const out = new Uint8Array(rootAt + W + 2);
  const view = new DataView(out.buffer);
  const u64 = (at: number, v: number) => view.setBigUint64(at, BigInt(v), true);
  let at = 0;
  const keyAt: number[] = [];
  for (const k of keyBytes) {
    keyAt.push(at);
    out.set(k, at);
    at += k.length + 1; // the terminating 0 is already there
  }
  u64(keysVector - W, keys.length);
  keys.forEach((_, i) => u64(keysVector + i * W, keysVector + i * W - keyAt[i]!));
  u64(mapValues - 3 * W, mapValues - 3 * W - keysVector);
  u64(mapValues - 2 * W, W);
  u64(mapValues - W, keys.length);
  keys.forEach((k, i) => {
    const v = entries[k]!;
    const slot = mapValues + i * W;
    let type: number;
    if (typeof v === 'boolean') {
      type = BOOL;
      u64(slot, v ? 1 : 0);
    } else if (Number.isInteger(v)) {
      type = INT;
      view.setBigInt64(slot, BigInt(v), true);
    } else {
      type = FLOAT;
      view.setFloat64(slot, v, true);
    }
    out[typesAt + i] = (type << 2) | W64;
  });
  u64(rootAt, rootAt - mapValues);
  out[rootAt + W] = (MAP << 2) | W64;
  out[rootAt + W + 1] = W;
  return out;
}
