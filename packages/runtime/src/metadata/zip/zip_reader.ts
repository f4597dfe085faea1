/**
 * A bounds-checked reader for the zip archive TFLite appends to a model to carry its associated files
 * (PKWARE APPNOTE: end of central directory → central directory → local headers). The archive may follow
 * other bytes (the flatbuffer): offsets are accepted relative to the file or to the archive, as zip tools
 * do for self-extracting archives. Stored and deflate entries are read, CRC-checked and size-capped;
 * zip64, encryption and other methods are refused with an error naming the entry.
 */
import { MemoryLimitError, ModelFormatError, UnsupportedError } from '../../core/errors.js';
import { crc32 } from './crc32.js';
import { inflateRaw } from './inflate.js';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

export type ZipMethod = 'stored' | 'deflate';

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: ZipMethod;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Absolute position of the entry's local header in the bytes given to the reader. */
  readonly headerOffset: number;
}

export interface ZipArchive {
  /** Where the archive starts (its first local header, or its central directory when empty). */
  readonly start: number;
  readonly entries: readonly ZipEntryInfo[];
}

export interface ZipReadOptions {
  /** Largest uncompressed entry accepted (default 64 MiB). */
  readonly maxEntryBytes?: number;
}

const DEFAULT_MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function u16(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8);
}
function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

interface EndRecord {
  readonly at: number;
  readonly count: number;
  readonly directorySize: number;
  readonly directoryOffset: number;
}

/** The end-of-central-directory record whose comment reaches exactly the end of the bytes, or null. */
function findEndRecord(bytes: Uint8Array): EndRecord | null {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(bytes, at) !== EOCD_SIGNATURE || at + EOCD_SIZE + u16(bytes, at + 20) !== bytes.length) continue;
    const record = { at, count: u16(bytes, at + 10), directorySize: u32(bytes, at + 12), directoryOffset: u32(bytes, at + 16) };
    // A chance match inside model weights would not describe a directory that ends where the record begins.
    if (record.directorySize <= at && record.count * CENTRAL_SIZE <= record.directorySize) return record;
  }
  return null;
}

function methodOf(code: number, name: string): ZipMethod {
  if (code === 0) return 'stored';
  if (code === 8) return 'deflate';
  throw new UnsupportedError(`zip entry '${name}': compression method ${code} is not supported (stored or deflate only)`);
}

function readCentralEntry(bytes: Uint8Array, p: number, end: number, shift: number): { entry: ZipEntryInfo; next: number } {
  if (p + CENTRAL_SIZE > end || u32(bytes, p) !== CENTRAL_SIGNATURE) {
    throw new ModelFormatError(`zip: central directory entry at byte ${p} is malformed`);
  }
  const nameLength = u16(bytes, p + 28);
  const next = p + CENTRAL_SIZE + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  if (next > end) throw new ModelFormatError(`zip: central directory entry at byte ${p} runs past the directory`);
  const name = new TextDecoder('utf-8').decode(bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
  const flags = u16(bytes, p + 8);
  if (flags & 1) throw new UnsupportedError(`zip entry '${name}' is encrypted`);
  const compressedSize = u32(bytes, p + 20);
  const size = u32(bytes, p + 24);
  const localOffset = u32(bytes, p + 42);
  if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
    throw new UnsupportedError(`zip entry '${name}' needs zip64, which is not supported`);
  }
  const entry = {
    name,
    method: methodOf(u16(bytes, p + 10), name),
    crc32: u32(bytes, p + 16),
    compressedSize,
    size,
    headerOffset: localOffset + shift,
  };
  return { entry, next };
}

/**
 * The zip archive at the end of `bytes`, or null when there is none. `shift` is how far the archive sits
 * from where its own offsets count from: 0 when they count from the start of the file (as Python's
 * zipfile writes when appending to a model), the prefix length when they count from the archive itself.
 */
export function readZipDirectory(bytes: Uint8Array): ZipArchive | null {
  const end = findEndRecord(bytes);
  if (end === null) return null;
  const directoryStart = end.at - end.directorySize;
  const shift = directoryStart - end.directoryOffset;
  if (shift < 0) throw new ModelFormatError(`zip: central directory offset ${end.directoryOffset} lies past its record`);
  const entries: ZipEntryInfo[] = [];
  let p = directoryStart;
  for (let i = 0; i < end.count; i++) {
    const { entry, next } = readCentralEntry(bytes, p, end.at, shift);
    if (entry.headerOffset + LOCAL_SIZE > directoryStart) {
      throw new ModelFormatError(`zip entry '${entry.name}': local header offset ${entry.headerOffset} is out of range`);
    }
    entries.push(entry);
    p = next;
  }
  const start = entries.reduce((s, e) => Math.min(s, e.headerOffset), directoryStart);
  return { start, entries };
}

/** The uncompressed contents of one entry, CRC-checked. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntryInfo, options: ZipReadOptions = {}): Uint8Array {
  const max = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  if (entry.size > max) throw new MemoryLimitError(`zip entry '${entry.name}' is ${entry.size} bytes; the limit is ${max}`);
  const h = entry.headerOffset;
  if (h + LOCAL_SIZE > bytes.length || u32(bytes, h) !== LOCAL_SIGNATURE) {
    throw new ModelFormatError(`zip entry '${entry.name}': no local header at byte ${h}`);
  }
  const start = h + LOCAL_SIZE + u16(bytes, h + 26) + u16(bytes, h + 28);
  if (start + entry.compressedSize > bytes.length) {
    throw new ModelFormatError(`zip entry '${entry.name}': its ${entry.compressedSize} bytes run past the end of the file`);
  }
  const packed = bytes.subarray(start, start + entry.compressedSize);
  const data = entry.method === 'stored' ? packed.slice() : inflateRaw(packed, { maxOutputBytes: max, expectedBytes: entry.size });
  if (data.length !== entry.size) {
    throw new ModelFormatError(`zip entry '${entry.name}': ${data.length} bytes decoded, the directory says ${entry.size}`);
  }
  if (crc32(data) !== entry.crc32) throw new ModelFormatError(`zip entry '${entry.name}': CRC-32 mismatch`);
  return data;
}

/** Every entry of the archive at the end of `bytes`, by name (an empty map when there is no archive). */
export function readZipFiles(bytes: Uint8Array, options: ZipReadOptions = {}): Map<string, Uint8Array> {
  const archive = readZipDirectory(bytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of archive?.entries ?? []) files.set(entry.name, readZipEntry(bytes, entry, options));
  return files;
}
