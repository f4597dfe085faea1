/**
 * INT4 tensors as the newest converters write them: two signed 4-bit values per byte, the lower nibble first;
 * an odd count leaves the last byte's upper nibble unused. The runtime unpacks them to int8 at load, so every
 * kernel sees plain int8 values.
 */

/** Bytes that `count` packed int4 values occupy. */
export function packedInt4Bytes(count: number): number {
  return Math.ceil(count / 2);
}

/** Sign-extends each nibble of `packed` into one int8 value. */
export function unpackInt4(packed: Uint8Array, count: number): Int8Array {
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const byte = packed[i >> 1]!;
    const nibble = i & 1 ? byte >> 4 : byte & 0x0f;
    out[i] = (nibble << 28) >> 28;
  }
  return out;
}

/** Packs int8 values in [-8, 7] two per byte (the builder's side of unpackInt4). */
export function packInt4(values: Int8Array): Uint8Array {
  const out = new Uint8Array(packedInt4Bytes(values.length));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < -8 || v > 7) throw new RangeError(`int4 value ${v} at ${i} is outside [-8, 7]`);
    out[i >> 1]! |= (v & 0x0f) << (i & 1 ? 4 : 0);
  }
  return out;
}
