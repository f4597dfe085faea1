/**
 * Structure-aware PNG mutations for the image fuzzer: the file is split into chunks, one structural edit
 * is made (an IHDR field, the chunk list, the inflated image data re-deflated, the palette, the zlib
 * stream's own header or checksum), and CRCs are recomputed so the decoder's deeper layers are reached —
 * plus plain byte flips and truncations that exercise the outer checks.
 */
import { deflateSync, inflateSync, constants } from 'node:zlib';
import { crc32 } from '../images/test_images.js';
import type { Prng } from './fuzz_mutations.js';

export interface PngChunk {
  type: string;
  data: Uint8Array;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a well-formed PNG (the fuzz seeds); stops at the first chunk that does not fit. */
export function parsePngChunks(bytes: Uint8Array): PngChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    if (at + 12 + length > bytes.length) break;
    chunks.push({ type: Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1'), data: bytes.slice(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** A PNG from chunks, every CRC correct. */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const parts: Uint8Array[] = [SIGNATURE];
  for (const c of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(c.data.length, 0);
    head.write(c.type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), c.data])), 0);
    parts.push(head, c.data, crc);
  }
  return new Uint8Array(Buffer.concat(parts));
}

const INTERESTING_DIMENSIONS = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 255, 256, 4096, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

export type PngMutation = 'ihdr' | 'ihdr-consistent' | 'idat' | 'chunks' | 'plte' | 'zlib' | 'bytes' | 'truncate';
export const PNG_MUTATIONS: readonly PngMutation[] = ['ihdr', 'ihdr-consistent', 'idat', 'chunks', 'plte', 'zlib', 'bytes', 'truncate'];

export function mutatePng(bytes: Uint8Array, rng: Prng, kind: PngMutation = rng.pick(PNG_MUTATIONS)): Uint8Array {
  if (kind === 'bytes') return flipBytes(bytes, rng);
  if (kind === 'truncate') return bytes.slice(0, rng.int(bytes.length));
  const chunks = parsePngChunks(bytes);
  if (chunks.length === 0) return flipBytes(bytes, rng); // a stacked mutation may have cut every chunk
  if (kind === 'ihdr' || kind === 'ihdr-consistent') mutateIhdr(chunks, rng, kind === 'ihdr-consistent');
  else if (kind === 'idat') mutateImageData(chunks, rng);
  else if (kind === 'chunks') mutateChunkList(chunks, rng);
  else if (kind === 'plte') mutatePalette(chunks, rng);
  else mutateZlibFraming(chunks, rng);
  return writePngChunks(chunks);
}

export function flipBytes(bytes: Uint8Array, rng: Prng): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  for (let n = 1 + rng.int(4); n > 0; n--) out[rng.int(out.length)] ^= 1 + rng.int(255);
  return out;
}

function mutateIhdr(chunks: PngChunk[], rng: Prng, keepDataConsistent: boolean): void {
  const ihdr = chunks.find((c) => c.type === 'IHDR');
  if (!ihdr || ihdr.data.length < 13) return;
  const data = Buffer.from(ihdr.data);
  const field = rng.int(5);
  if (field < 2) {
    const original = data.readUInt32BE(field * 4);
    const choices = [...INTERESTING_DIMENSIONS, original + 1, Math.max(0, original - 1), original * 2, rng.int(70000)];
    data.writeUInt32BE(rng.pick(choices) >>> 0, field * 4);
  } else if (field === 2) {
    data[8] = rng.pick([0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 32, 255]);
  } else if (field === 3) {
    data[9] = rng.int(8);
  } else {
    data[10 + rng.int(3)] = rng.pick([0, 1, 2, 255]);
  }
  ihdr.data = new Uint8Array(data);
  if (keepDataConsistent) reencodeForHeader(chunks, data, rng);
}

/**
 * Re-deflates image data of exactly the size the (mutated) header calls for, from the original inflated
 * bytes cycled and sprinkled with random filter types, so the unfilter and unpack stages see every depth
 * and colour type combination with data they accept.
 */
function reencodeForHeader(chunks: PngChunk[], ihdr: Buffer, rng: Prng): void {
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const samples: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
  const bits = (samples[ihdr[9]] ?? 1) * Math.max(1, ihdr[8]);
  const rowBytes = 1 + Math.ceil((width * bits) / 8);
  const total = rowBytes * height * (ihdr[12] === 1 ? 2 : 1);
  if (!Number.isFinite(total) || total <= 0 || total > 4_000_000) return;
  const original = inflatedData(chunks);
  const raw = new Uint8Array(total);
  for (let i = 0; i < total; i++) raw[i] = original.length ? original[i % original.length] : rng.int(256);
  for (let r = 0; r < height && r * rowBytes < total; r++) raw[r * rowBytes] = rng.int(5);
  replaceImageData(chunks, deflateSync(raw), rng);
}

function inflatedData(chunks: readonly PngChunk[]): Uint8Array {
  const stream = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  try {
    return inflateSync(stream, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

/** Swaps the IDAT run for `stream` in 1 to 3 chunks, sometimes with another chunk between them. */
function replaceImageData(chunks: PngChunk[], stream: Uint8Array, rng: Prng): void {
  const first = chunks.findIndex((c) => c.type === 'IDAT');
  if (first < 0) return;
  const count = chunks.filter((c) => c.type === 'IDAT').length;
  const pieces = 1 + rng.int(3);
  const cut = Array.from({ length: pieces - 1 }, () => rng.int(stream.length + 1)).sort((a, b) => a - b);
  const bounds = [0, ...cut, stream.length];
  const idat: PngChunk[] = bounds.slice(1).map((end, i) => ({ type: 'IDAT', data: stream.slice(bounds[i], end) }));
  if (idat.length > 1 && rng.int(4) === 0) idat.splice(1, 0, { type: 'tEXt', data: new Uint8Array(Buffer.from('k\0v')) });
  chunks.splice(first, count, ...idat);
}

function mutateImageData(chunks: PngChunk[], rng: Prng): void {
  let raw = Buffer.from(inflatedData(chunks));
  const edit = rng.int(4);
  if (edit === 0 && raw.length) {
    for (let n = 1 + rng.int(8); n > 0; n--) raw[rng.int(raw.length)] = rng.pick([0, 1, 2, 3, 4, 5, 127, 255]);
  } else if (edit === 1 && raw.length) {
    raw = raw.subarray(0, rng.int(raw.length));
  } else if (edit === 2) {
    raw = Buffer.concat([raw, Buffer.alloc(1 + rng.int(64), rng.int(256))]);
  } else {
    for (let n = 1 + rng.int(16); n > 0 && raw.length; n--) raw[rng.int(raw.length)] ^= 1 + rng.int(255);
  }
  replaceImageData(chunks, deflateSync(raw), rng);
}

function mutateChunkList(chunks: PngChunk[], rng: Prng): void {
  const i = rng.int(chunks.length);
  const edit = rng.int(6);
  if (edit === 0) chunks.splice(i, 1);
  else if (edit === 1) chunks.splice(i, 0, { type: chunks[i].type, data: chunks[i].data.slice() });
  else if (edit === 2 && i + 1 < chunks.length) [chunks[i], chunks[i + 1]] = [chunks[i + 1], chunks[i]];
  else if (edit === 3) chunks.splice(i, 0, { type: rng.pick(['ABCD', 'abCD', 'tEXt', 'IHDR', 'PLTE', 'IEND']), data: randomBytes(rng, rng.int(40)) });
  else if (edit === 4) chunks.splice(0, chunks.length, ...chunks.filter((c) => c.type !== 'IEND'));
  else chunks.push({ type: 'IDAT', data: randomBytes(rng, 1 + rng.int(64)) });
}

function mutatePalette(chunks: PngChunk[], rng: Prng): void {
  const at = chunks.findIndex((c) => c.type === 'PLTE');
  const sizes = [0, 1, 2, 3, 6, 9, 48, 765, 768, 771];
  const palette = { type: 'PLTE', data: randomBytes(rng, rng.pick(sizes)) };
  if (at >= 0 && rng.int(3) === 0) chunks.splice(at, 1);
  else if (at >= 0) chunks[at] = palette;
  else chunks.splice(1, 0, palette);
}

/** The zlib header bytes or the Adler-32 trailer of the image data. */
function mutateZlibFraming(chunks: PngChunk[], rng: Prng): void {
  const idats = chunks.filter((c) => c.type === 'IDAT');
  if (idats.length === 0) return;
  const target = rng.int(2) === 0 ? idats[0] : idats[idats.length - 1];
  const data = target.data.slice();
  const at = target === idats[0] ? rng.int(Math.min(2, data.length)) : Math.max(0, data.length - 1 - rng.int(4));
  if (data.length) data[at] ^= 1 + rng.int(255);
  target.data = data;
}

function randomBytes(rng: Prng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.int(256));
}
