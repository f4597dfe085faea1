/**
 * A DEFLATE decoder (RFC 1951) for zip entries: stored, fixed-Huffman and dynamic-Huffman blocks. Every read
 * is bounds-checked and the output is capped, so a truncated, corrupt or hostile stream (a "zip bomb") ends in
 * a ModelFormatError or a MemoryLimitError, never in an exception from deep inside or unbounded memory.
 * Canonical Huffman codes are decoded from per-length counts, one bit at a time (as zlib's `puff` does):
 * slower than table lookups, and ample for label and vocabulary files.
 */
import { MemoryLimitError, ModelFormatError } from '../../core/errors.js';

const MAX_BITS = 15;

/** Base lengths and extra bits of length codes 257..285, and of distance codes 0..29. */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists the code lengths of the code-length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman {
  readonly count: Uint16Array;
  readonly symbol: Uint16Array;
}

/** A canonical code from its code lengths; incomplete codes are allowed only where RFC 1951 allows one code. */
function huffman(lengths: ArrayLike<number>, what: string): Huffman {
  const count = new Uint16Array(MAX_BITS + 1);
  for (let i = 0; i < lengths.length; i++) count[lengths[i]]++;
  count[0] = 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - count[len];
    if (left < 0) throw new ModelFormatError(`deflate stream: over-subscribed ${what} code`);
  }
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len] + count[len];
  const symbol = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i] !== 0) symbol[offsets[lengths[i]]++] = i;
  return { count, symbol };
}

const FIXED = (() => {
  const lit = new Uint8Array(288);
  lit.fill(8, 0, 144);
  lit.fill(9, 144, 256);
  lit.fill(7, 256, 280);
  lit.fill(8, 280, 288);
  return { lit: huffman(lit, 'fixed literal'), dist: huffman(new Uint8Array(30).fill(5), 'fixed distance') };
})();

class BitReader {
  private pos = 0;
  private bitBuf = 0;
  private bitCount = 0;
  constructor(private readonly input: Uint8Array) {}

  bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.input.length) throw new ModelFormatError('deflate stream: truncated (ran out of input)');
      this.bitBuf |= this.input[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCount -= n;
    return v;
  }

  /** Drops the bits left in the current byte (stored blocks start on a byte boundary). */
  alignToByte(): void {
    this.bitBuf = 0;
    this.bitCount = 0;
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.input.length) throw new ModelFormatError('deflate stream: stored block runs past the input');
    const out = this.input.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.count[len];
      if (code - count < first) return h.symbol[index + (code - first)];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new ModelFormatError('deflate stream: invalid Huffman code');
  }
}

class Output {
  buf: Uint8Array;
  length = 0;
  constructor(
    private readonly limit: number,
    expected: number,
  ) {
    this.buf = new Uint8Array(Math.max(64, Math.min(expected, limit)));
  }

  private grow(need: number): void {
    if (need > this.limit) {
      throw new MemoryLimitError(`deflate stream: inflates past the limit of ${this.limit} bytes`);
    }
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.min(this.limit, Math.max(need, this.buf.length * 2)));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  push(byte: number): void {
    this.grow(this.length + 1);
    this.buf[this.length++] = byte;
  }

  append(bytes: Uint8Array): void {
    this.grow(this.length + bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** LZ77 back-reference: byte by byte, since a copy may overlap the bytes it produces. */
  copy(distance: number, length: number): void {
    if (distance > this.length) throw new ModelFormatError(`deflate stream: distance ${distance} reaches before the start`);
    this.grow(this.length + length);
    for (let i = 0; i < length; i++, this.length++) this.buf[this.length] = this.buf[this.length - distance];
  }
}

function storedBlock(r: BitReader, out: Output): void {
  r.alignToByte();
  const header = r.bytes(4);
  const len = header[0] | (header[1] << 8);
  const nlen = header[2] | (header[3] << 8);
  if ((len ^ 0xffff) !== nlen) throw new ModelFormatError('deflate stream: stored block length check failed');
  out.append(r.bytes(len));
}

function dynamicCodes(r: BitReader): { lit: Huffman; dist: Huffman } {
  const nlen = r.bits(5) + 257;
  const ndist = r.bits(5) + 1;
  const ncode = r.bits(4) + 4;
  if (nlen > 286 || ndist > 30) throw new ModelFormatError('deflate stream: too many length or distance codes');
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = r.bits(3);
  const lengthCode = huffman(codeLengths, 'code length');
  const lengths = new Uint8Array(nlen + ndist);
  for (let i = 0; i < nlen + ndist; ) {
    const sym = r.decode(lengthCode);
    if (sym < 16) {
      lengths[i++] = sym;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (sym === 16) {
      if (i === 0) throw new ModelFormatError('deflate stream: repeat with no previous length');
      value = lengths[i - 1];
      repeat = 3 + r.bits(2);
    } else repeat = sym === 17 ? 3 + r.bits(3) : 11 + r.bits(7);
    if (i + repeat > nlen + ndist) throw new ModelFormatError('deflate stream: code lengths overflow');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new ModelFormatError('deflate stream: no end-of-block code');
  return { lit: huffman(lengths.subarray(0, nlen), 'literal/length'), dist: huffman(lengths.subarray(nlen), 'distance') };
}

function huffmanBlock(r: BitReader, out: Output, codes: { lit: Huffman; dist: Huffman }): void {
  for (;;) {
    const sym = r.decode(codes.lit);
    if (sym < 256) out.push(sym);
    else if (sym === 256) return;
    else {
      const li = sym - 257;
      if (li >= 29) throw new ModelFormatError(`deflate stream: invalid length code ${sym}`);
      const length = LENGTH_BASE[li] + r.bits(LENGTH_EXTRA[li]);
      const di = r.decode(codes.dist);
      if (di >= 30) throw new ModelFormatError(`deflate stream: invalid distance code ${di}`);
      out.copy(DIST_BASE[di] + r.bits(DIST_EXTRA[di]), length);
    }
  }
}

export interface InflateOptions {
  /** Refuse to produce more than this many bytes (MemoryLimitError). */
  readonly maxOutputBytes: number;
  /** The size the caller expects (e.g. from a zip header), to allocate once. */
  readonly expectedBytes?: number;
}

/** Decompresses a raw DEFLATE stream (no zlib or gzip wrapper). */
export function inflateRaw(input: Uint8Array, options: InflateOptions): Uint8Array {
  const r = new BitReader(input);
  const out = new Output(options.maxOutputBytes, options.expectedBytes ?? input.length * 4);
  let last = 0;
  while (!last) {
    last = r.bits(1);
    const type = r.bits(2);
    if (type === 0) storedBlock(r, out);
    else if (type === 1) huffmanBlock(r, out, FIXED);
    else if (type === 2) huffmanBlock(r, out, dynamicCodes(r));
    else throw new ModelFormatError('deflate stream: invalid block type 3');
  }
  return out.buf.slice(0, out.length);
}
