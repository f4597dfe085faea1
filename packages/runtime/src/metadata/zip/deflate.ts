/**
 * A small DEFLATE encoder (RFC 1951) for zip entries written with method 8: greedy LZ77 over a 32 KiB window
 * (hash chains, bounded search) coded with the fixed Huffman tables, or stored blocks when that is smaller.
 * It trades ratio for brevity; zip readers, zlib included, read its output like any other deflate stream.
 */

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const MAX_CHAIN = 64;
const MAX_STORED_BLOCK = 65535;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private count = 0;

  /** `n` bits of `value`, least significant first (how DEFLATE packs everything but Huffman codes). */
  bits(value: number, n: number): void {
    for (let i = 0; i < n; i++) {
      this.acc |= ((value >>> i) & 1) << this.count;
      if (++this.count === 8) this.flushByte();
    }
  }

  /** A Huffman code is sent most significant bit first. */
  code(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits((code >>> i) & 1, 1);
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    this.acc = 0;
    this.count = 0;
  }

  finish(): Uint8Array {
    if (this.count > 0) this.flushByte();
    return Uint8Array.from(this.bytes);
  }
}

/** The fixed literal/length code of RFC 1951 §3.2.6. */
function writeLiteral(w: BitWriter, symbol: number): void {
  if (symbol < 144) w.code(0x30 + symbol, 8);
  else if (symbol < 256) w.code(0x190 + symbol - 144, 9);
  else if (symbol < 280) w.code(symbol - 256, 7);
  else w.code(0xc0 + symbol - 280, 8);
}

function lastIndexAtMost(table: readonly number[], value: number): number {
  let i = table.length - 1;
  while (table[i] > value) i--;
  return i;
}

function writeMatch(w: BitWriter, length: number, distance: number): void {
  const li = lastIndexAtMost(LENGTH_BASE, length);
  writeLiteral(w, 257 + li);
  w.bits(length - LENGTH_BASE[li], LENGTH_EXTRA[li]);
  const di = lastIndexAtMost(DIST_BASE, distance);
  w.code(di, 5);
  w.bits(distance - DIST_BASE[di], DIST_EXTRA[di]);
}

function hashAt(data: Uint8Array, i: number): number {
  return ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & ((1 << HASH_BITS) - 1);
}

/** One fixed-Huffman block holding all of `data`. */
function fixedHuffman(data: Uint8Array): Uint8Array {
  const w = new BitWriter();
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // BTYPE 01: fixed codes
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const insert = (i: number): void => {
    if (i + MIN_MATCH > data.length) return;
    const h = hashAt(data, i);
    prev[i % WINDOW] = head[h];
    head[h] = i;
  };
  let i = 0;
  while (i < data.length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + MIN_MATCH <= data.length) {
      let candidate = head[hashAt(data, i)];
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
        let n = 0;
        const limit = Math.min(MAX_MATCH, data.length - i);
        while (n < limit && data[candidate + n] === data[i + n]) n++;
        if (n > bestLength) {
          bestLength = n;
          bestDistance = i - candidate;
          if (n === limit) break;
        }
        candidate = prev[candidate % WINDOW];
      }
    }
    if (bestLength >= MIN_MATCH) {
      writeMatch(w, bestLength, bestDistance);
      for (let k = 0; k < bestLength; k++) insert(i + k);
      i += bestLength;
    } else {
      writeLiteral(w, data[i]);
      insert(i);
      i++;
    }
  }
  writeLiteral(w, 256);
  return w.finish();
}

/** Stored blocks: 5 bytes of header per 65 535 bytes of data. */
function stored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(data.length + 5 * blocks);
  let at = 0;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * MAX_STORED_BLOCK, (b + 1) * MAX_STORED_BLOCK);
    out[at] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    out[at + 1] = chunk.length & 0xff;
    out[at + 2] = chunk.length >>> 8;
    out[at + 3] = ~chunk.length & 0xff;
    out[at + 4] = (~chunk.length >>> 8) & 0xff;
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
  }
  return out;
}

/** A raw DEFLATE stream of `data` (no zlib or gzip wrapper). */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const packed = fixedHuffman(data);
  return packed.length < data.length + 5 * Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK)) ? packed : stored(data);
}
