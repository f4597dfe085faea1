/**
 * Test helper: reads a zip through its central directory (as unzip does), inflating each entry and checking
 * its CRC-32 with node's own zlib.crc32 (independent of the CLI's writer).
 */
import assert from 'node:assert/strict';
import { crc32, inflateRawSync } from 'node:zlib';

export interface UnzippedEntry {
  readonly name: string;
  readonly data: Buffer;
  /** MS-DOS time and date fields of the central directory entry. */
  readonly time: number;
  readonly date: number;
}

export function unzip(zip: Buffer): UnzippedEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: UnzippedEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50);
    const [time, date, crc, packed] = [zip.readUInt16LE(p + 12), zip.readUInt16LE(p + 14), zip.readUInt32LE(p + 16), zip.readUInt32LE(p + 20)];
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(start, start + packed));
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    out.push({ name, data, time, date });
    p += 46 + nameLength + extra;
  }
  return out;
}
