/**
 * A minimal, deterministic zip writer (PKWARE APPNOTE 6.3: local headers, central directory, end record) for
 * the Lambda function zip: fixed entry order, timestamps and attributes, so the same inputs give the same bytes.
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '@tflite-lambda/runtime/metadata';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** 1980-01-01 00:00:00 in MS-DOS format: the earliest date zip can express, so builds never differ by time. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes (made by Unix). */
const EXTERNAL_ATTRS = (0o100644 << 16) >>> 0;

/** Entries are written in the order given; each is deflated at level 9. */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 9 });
    const fields = { crc: crc32(e.data), packed: packed.length, size: e.data.length, nameLength: name.length };
    const local = Buffer.concat([localHeader(fields), name, packed]);
    centrals.push(Buffer.concat([centralHeader(fields, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

interface EntryFields {
  crc: number;
  packed: number;
  size: number;
  nameLength: number;
}

function localHeader(f: EntryFields): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  h.writeUInt16LE(0x0800, 6); // names are UTF-8
  h.writeUInt16LE(8, 8); // deflate
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(f.crc, 14);
  h.writeUInt32LE(f.packed, 18);
  h.writeUInt32LE(f.size, 22);
  h.writeUInt16LE(f.nameLength, 26);
  return h;
}

function centralHeader(f: EntryFields, localOffset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, spec 2.0
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(8, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(f.crc, 16);
  h.writeUInt32LE(f.packed, 20);
  h.writeUInt32LE(f.size, 24);
  h.writeUInt16LE(f.nameLength, 28);
  h.writeUInt32LE(EXTERNAL_ATTRS, 38);
  h.writeUInt32LE(localOffset, 42);
  return h;
}

/** CRC-32 as zip uses it (IEEE, reflected, 0xEDB88320): the runtime's, shared with its metadata zip writer. */
export { crc32 };
