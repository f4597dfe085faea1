/**
 * Structure-aware JPEG mutations for the image fuzzer: the file is split into marker segments (with each
 * scan's entropy-coded data kept beside its SOS), one field of one segment is changed — frame size,
 * component count and sampling factors, Huffman code counts and symbols, quantization values, scan
 * parameters (components, tables, Ss, Se, Ah, Al), the restart interval — or the segment list itself
 * (dropped, duplicated, reordered, scans repeated), or the entropy-coded bytes (flips, stray markers,
 * truncation). Lengths are recomputed, so the edit reaches the decoder stage it aims at.
 */
import type { Prng } from './fuzz_mutations.js';
import { flipBytes } from './png_mutations.js';

export interface JpegSegment {
  marker: number;
  /** The payload after the length field; null for a marker without one (SOI, EOI, RSTn). */
  payload: Uint8Array | null;
  /** After an SOS: the entropy-coded bytes up to the next marker that is not RSTn. */
  entropy?: Uint8Array;
}

function hasLength(marker: number): boolean {
  return !(marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9));
}

/** The segments of a well-formed JPEG (the fuzz seeds), up to and including EOI. */
export function parseJpegSegments(bytes: Uint8Array): JpegSegment[] {
  const segments: JpegSegment[] = [];
  let at = 0;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff || bytes[at + 1] === 0xff) {
      at++;
      continue;
    }
    const marker = bytes[at + 1];
    at += 2;
    if (!hasLength(marker)) {
      segments.push({ marker, payload: null });
      if (marker === 0xd9) break;
      continue;
    }
    const length = (bytes[at] << 8) | bytes[at + 1];
    const segment: JpegSegment = { marker, payload: bytes.slice(at + 2, at + length) };
    at += length;
    if (marker === 0xda) {
      let end = at;
      while (end + 1 < bytes.length && !(bytes[end] === 0xff && bytes[end + 1] !== 0 && (bytes[end + 1] < 0xd0 || bytes[end + 1] > 0xd7))) end++;
      segment.entropy = bytes.slice(at, end);
      at = end;
    }
    segments.push(segment);
  }
  return segments;
}

export function writeJpegSegments(segments: readonly JpegSegment[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of segments) {
    parts.push(new Uint8Array([0xff, s.marker]));
    if (s.payload) {
      const length = Math.min(0xffff, s.payload.length + 2);
      parts.push(new Uint8Array([length >> 8, length & 0xff]), s.payload);
    }
    if (s.entropy) parts.push(s.entropy);
  }
  return new Uint8Array(Buffer.concat(parts));
}

export type JpegMutation = 'sof' | 'dht' | 'dqt' | 'sos' | 'dri' | 'segments' | 'scan-repeat' | 'entropy' | 'length' | 'bytes' | 'truncate';
export const JPEG_MUTATIONS: readonly JpegMutation[] = ['sof', 'dht', 'dqt', 'sos', 'dri', 'segments', 'scan-repeat', 'entropy', 'length', 'bytes', 'truncate'];

export function mutateJpeg(bytes: Uint8Array, rng: Prng, kind: JpegMutation = rng.pick(JPEG_MUTATIONS)): Uint8Array {
  if (kind === 'bytes') return flipBytes(bytes, rng);
  if (kind === 'truncate') return bytes.slice(0, rng.int(bytes.length));
  const segments = parseJpegSegments(bytes);
  if (segments.length < 2) return flipBytes(bytes, rng); // a stacked mutation may have cut every segment
  if (kind === 'length') return corruptLength(segments, rng);
  const edits: Record<Exclude<JpegMutation, 'bytes' | 'truncate' | 'length'>, (s: JpegSegment[], r: Prng) => void> = {
    sof: mutateFrame,
    dht: mutateHuffmanTable,
    dqt: mutateQuantTable,
    sos: mutateScanHeader,
    dri: mutateRestartInterval,
    segments: mutateSegmentList,
    'scan-repeat': repeatScan,
    entropy: mutateEntropy,
  };
  edits[kind](segments, rng);
  return writeJpegSegments(segments);
}

function pickSegment(segments: JpegSegment[], rng: Prng, markers: (m: number) => boolean): JpegSegment | undefined {
  const matching = segments.filter((s) => markers(s.marker) && s.payload);
  return matching.length ? rng.pick(matching) : undefined;
}

/** A copy of `payload` with byte `at` set (grown with zeros when shorter). */
function withByte(payload: Uint8Array, at: number, value: number): Uint8Array {
  const out = new Uint8Array(Math.max(payload.length, at + 1));
  out.set(payload);
  out[at] = value & 0xff;
  return out;
}

const isFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function mutateFrame(segments: JpegSegment[], rng: Prng): void {
  const sof = pickSegment(segments, rng, isFrame);
  if (!sof?.payload) return;
  const p = sof.payload;
  const field = rng.int(7);
  if (field === 0) sof.payload = withByte(p, 0, rng.pick([0, 1, 8, 12, 16, 255]));
  else if (field <= 2) {
    const at = field === 1 ? 1 : 3;
    const value = rng.pick([0, 1, 2, 7, 8, 9, 15, 16, 17, 255, 256, 4096, 16384, 65535, rng.int(65536)]);
    sof.payload = withByte(withByte(p, at, value >> 8), at + 1, value);
  } else if (field === 3) sof.payload = withByte(p, 5, rng.pick([0, 1, 2, 3, 4, 5, 255]));
  else if (field === 4) sof.payload = withByte(p, 6 + 3 * rng.int(4), rng.int(256)); // component id
  else if (field === 5) sof.payload = withByte(p, 7 + 3 * rng.int(4), rng.pick([0x00, 0x01, 0x10, 0x11, 0x12, 0x21, 0x22, 0x41, 0x14, 0x44, 0x33, 0xff]));
  else if (field === 6) sof.payload = withByte(p, 8 + 3 * rng.int(4), rng.pick([0, 1, 2, 3, 4, 255]));
  if (rng.int(6) === 0) sof.marker = rng.pick([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc9, 0xcf]);
}

function mutateHuffmanTable(segments: JpegSegment[], rng: Prng): void {
  const dht = pickSegment(segments, rng, (m) => m === 0xc4);
  if (!dht?.payload) return;
  const p = dht.payload;
  const edit = rng.int(4);
  if (edit === 0) dht.payload = withByte(p, 0, rng.pick([0x00, 0x01, 0x10, 0x11, 0x04, 0x20, 0xff]));
  else if (edit === 1) dht.payload = withByte(p, 1 + rng.int(16), rng.pick([0, 1, 2, 3, 255, p[1 + rng.int(16)] + 1]));
  else if (edit === 2 && p.length > 17) dht.payload = withByte(p, 17 + rng.int(p.length - 17), rng.int(256));
  else dht.payload = p.slice(0, rng.int(p.length));
}

function mutateQuantTable(segments: JpegSegment[], rng: Prng): void {
  const dqt = pickSegment(segments, rng, (m) => m === 0xdb);
  if (!dqt?.payload) return;
  const p = dqt.payload;
  const edit = rng.int(3);
  if (edit === 0) dqt.payload = withByte(p, 0, rng.pick([0x00, 0x01, 0x03, 0x04, 0x10, 0x20, 0xff]));
  else if (edit === 1) dqt.payload = withByte(p, 1 + rng.int(Math.max(1, p.length - 1)), rng.pick([0, 1, 255]));
  else dqt.payload = p.slice(0, rng.int(p.length));
}

function mutateScanHeader(segments: JpegSegment[], rng: Prng): void {
  const sos = pickSegment(segments, rng, (m) => m === 0xda);
  if (!sos?.payload) return;
  const p = sos.payload;
  const n = p[0];
  const field = rng.int(5);
  if (field === 0) sos.payload = withByte(p, 0, rng.pick([0, 1, 2, 3, 4, 5, 255]));
  else if (field === 1) sos.payload = withByte(p, 1 + 2 * rng.int(Math.max(1, n)), rng.int(256)); // component selector
  else if (field === 2) sos.payload = withByte(p, 2 + 2 * rng.int(Math.max(1, n)), rng.pick([0x00, 0x01, 0x10, 0x11, 0x44, 0xff]));
  else if (field === 3) sos.payload = withByte(p, 1 + 2 * n + rng.int(2), rng.pick([0, 1, 5, 6, 62, 63, 64, 255]));
  else sos.payload = withByte(p, 3 + 2 * n, rng.int(256)); // Ah/Al
}

function mutateRestartInterval(segments: JpegSegment[], rng: Prng): void {
  const value = rng.pick([0, 1, 2, 3, 7, 255, 0xffff, rng.int(65536)]);
  const dri = { marker: 0xdd, payload: new Uint8Array([value >> 8, value & 0xff]) };
  const existing = segments.findIndex((s) => s.marker === 0xdd);
  if (existing >= 0) segments[existing] = dri;
  else segments.splice(1 + rng.int(Math.max(1, segments.length - 2)), 0, dri);
}

function mutateSegmentList(segments: JpegSegment[], rng: Prng): void {
  const i = 1 + rng.int(Math.max(1, segments.length - 2));
  const edit = rng.int(3);
  if (edit === 0) segments.splice(i, 1);
  else if (edit === 1) segments.splice(i, 0, { ...segments[i] });
  else if (i + 1 < segments.length) [segments[i], segments[i + 1]] = [segments[i + 1], segments[i]];
}

/** One scan repeated up to 60 times: the decoder's scan-work limit must stop what is too much. */
function repeatScan(segments: JpegSegment[], rng: Prng): void {
  const scans = segments.map((s, i) => [s, i] as const).filter(([s]) => s.marker === 0xda);
  if (scans.length === 0) return;
  const [scan, at] = rng.pick(scans);
  segments.splice(at, 0, ...Array.from({ length: 1 + rng.int(60) }, () => ({ ...scan })));
}

function mutateEntropy(segments: JpegSegment[], rng: Prng): void {
  const sos = pickSegment(segments, rng, (m) => m === 0xda);
  if (!sos?.entropy || sos.entropy.length === 0) return;
  const data = Buffer.from(sos.entropy);
  const edit = rng.int(4);
  if (edit === 0) sos.entropy = flipBytes(data, rng);
  else if (edit === 1) sos.entropy = data.subarray(0, rng.int(data.length));
  else {
    const at = rng.int(data.length);
    const inserted = edit === 2 ? [0xff, 0xd0 + rng.int(8)] : [0xff, rng.pick([0x00, 0xff, 0xd9, 0xc4, 0xda])];
    sos.entropy = Buffer.concat([data.subarray(0, at), Buffer.from(inserted), data.subarray(at)]);
  }
}

/** A segment's length field made wrong, written raw (no recomputation). */
function corruptLength(segments: JpegSegment[], rng: Prng): Uint8Array {
  const bytes = Buffer.from(writeJpegSegments(segments));
  const positions: number[] = [];
  for (let at = 2; at + 3 < bytes.length; at++) {
    if (bytes[at] === 0xff && bytes[at + 1] >= 0xc0 && bytes[at + 1] <= 0xfe && hasLength(bytes[at + 1])) positions.push(at + 2);
  }
  if (positions.length === 0) return bytes;
  const at = rng.pick(positions);
  bytes.writeUInt16BE(rng.pick([0, 1, 2, 3, 0xffff, bytes.readUInt16BE(at) + 1, bytes.readUInt16BE(at) - 1]) & 0xffff, at);
  return new Uint8Array(bytes);
}
