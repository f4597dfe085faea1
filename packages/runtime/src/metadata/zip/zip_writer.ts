/**
 * A deterministic zip writer (PKWARE APPNOTE 6.3): local headers, central directory, end record; fixed
 * 1980-01-01 timestamps, so the same files always give the same bytes. `baseOffset` is where the archive
 * will sit in the final file: offsets are written from the start of that file, as Python's zipfile does
 * when it appends an archive to a model, and as TFLite's metadata tools read them.
 */
import { crc32 } from './crc32.js';
import { deflateRaw } from './deflate.js';
import type { ZipMethod } from './zip_reader.js';

export interface ZipFileInput {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface ZipWriteOptions {
  /**
   * 'stored' (the default) is what TFLite's metadata extractor requires: it reads associated files in place
   * and refuses compressed ones. 'deflate' makes smaller archives for other readers.
   */
  readonly method?: ZipMethod;
  readonly baseOffset?: number;
}

/** MS-DOS date of 1980-01-01 (day 1, month 1, year 0). */
const DOS_DATE = (1 << 5) | 1;

interface Packed {
  readonly name: Uint8Array;
  readonly data: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
}

function header(size: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
}

/** The fields local and central headers share, written at `p` (version needed onwards). */
function commonFields(view: DataView, p: number, f: Packed): void {
  view.setUint16(p, 20, true); // version needed: 2.0
  view.setUint16(p + 2, 0x0800, true); // UTF-8 names
  view.setUint16(p + 4, f.method, true);
  view.setUint16(p + 6, 0, true); // time
  view.setUint16(p + 8, DOS_DATE, true);
  view.setUint32(p + 10, f.crc, true);
  view.setUint32(p + 14, f.data.length, true);
  view.setUint32(p + 18, f.size, true);
  view.setUint16(p + 22, f.name.length, true);
}

function localHeader(f: Packed): Uint8Array {
  const { bytes, view } = header(30);
  view.setUint32(0, 0x04034b50, true);
  commonFields(view, 4, f);
  return bytes;
}

function centralHeader(f: Packed, offset: number): Uint8Array {
  const { bytes, view } = header(46);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, 20, true); // made by: MS-DOS, 2.0
  commonFields(view, 6, f);
  view.setUint32(42, offset, true);
  return bytes;
}

function endRecord(count: number, directorySize: number, directoryOffset: number): Uint8Array {
  const { bytes, view } = header(22);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, directoryOffset, true);
  return bytes;
}

/** The bytes of `parts`, one after another. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip archive holding `files` in the order given. */
export function writeZip(files: readonly ZipFileInput[], options: ZipWriteOptions = {}): Uint8Array {
  const base = options.baseOffset ?? 0;
  const deflate = options.method === 'deflate';
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = base;
  for (const file of files) {
    const packed: Packed = {
      name: new TextEncoder().encode(file.name),
      data: deflate ? deflateRaw(file.data) : file.data,
      method: deflate ? 8 : 0,
      crc: crc32(file.data),
      size: file.data.length,
    };
    const local = concatBytes([localHeader(packed), packed.name, packed.data]);
    centrals.push(concatBytes([centralHeader(packed, offset), packed.name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = concatBytes(centrals);
  return concatBytes([...locals, directory, endRecord(files.length, directory.length, offset)]);
}
