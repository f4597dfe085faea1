import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { MemoryLimitError, ModelFormatError, UnsupportedError } from '../../core/errors.js';
import { crc32 } from './crc32.js';
import { readZipDirectory, readZipEntry, readZipFiles } from './zip_reader.js';
import { writeZip } from './zip_writer.js';

const enc = (s: string) => new TextEncoder().encode(s);
const FILES = [
  { name: 'labels.txt', data: enc('background\ncat\ndog\n') },
  { name: 'vocab/été.txt', data: enc('<PAD> 0\n<START> 1\n'.repeat(50)) },
  { name: 'empty.txt', data: new Uint8Array(0) },
];

function withPrefix(prefix: number, zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix + zip.length).fill(0x50); // 'P' everywhere, to tempt a naive signature scan
  out.set(zip, prefix);
  return out;
}

/** An independent reading of the central directory, straight from APPNOTE's byte offsets. */
function centralEntries(zip: Uint8Array): { name: string; method: number; localOffset: number; packed: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  assert.equal(view.getUint32(eocd, true), 0x06054b50);
  const out = [];
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < view.getUint16(eocd + 10, true); i++) {
    assert.equal(view.getUint32(p, true), 0x02014b50);
    const nameLength = view.getUint16(p + 28, true);
    out.push({
      name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      packed: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength;
  }
  return out;
}

describe('zip writer', () => {
  it('writes stored entries whose bytes sit at the offsets the directory gives, counted from the file start', () => {
    const zip = withPrefix(100, writeZip(FILES, { baseOffset: 100 }));
    const entries = centralEntries(zip);
    assert.deepEqual(entries.map((e) => [e.name, e.method]), FILES.map((f) => [f.name, 0]));
    for (const [i, e] of entries.entries()) {
      const view = new DataView(zip.buffer);
      assert.equal(view.getUint32(e.localOffset, true), 0x04034b50);
      const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true);
      assert.deepEqual(zip.subarray(start, start + e.packed), FILES[i].data);
    }
  });

  it('deflated entries inflate with zlib to the original bytes', () => {
    const zip = writeZip(FILES, { method: 'deflate' });
    for (const [i, e] of centralEntries(zip).entries()) {
      assert.equal(e.method, 8);
      const start = e.localOffset + 30 + new DataView(zip.buffer).getUint16(e.localOffset + 26, true);
      assert.deepEqual(new Uint8Array(inflateRawSync(zip.subarray(start, start + e.packed))), FILES[i].data);
    }
  });

  it('is deterministic', () => {
    assert.deepEqual(writeZip(FILES), writeZip(FILES));
  });
});

describe('zip reader', () => {
  for (const method of ['stored', 'deflate'] as const) {
    it(`reads back ${method} entries, with offsets from the file or from the archive`, () => {
      const absolute = withPrefix(1000, writeZip(FILES, { method, baseOffset: 1000 }));
      const relative = withPrefix(1000, writeZip(FILES, { method }));
      for (const bytes of [absolute, relative]) {
        const files = readZipFiles(bytes);
        assert.deepEqual([...files.keys()], FILES.map((f) => f.name));
        FILES.forEach((f) => { assert.deepEqual(files.get(f.name), f.data); });
        assert.equal(readZipDirectory(bytes)?.start, 1000);
      }
    });
  }

  it('finds no archive in bytes without one, even when they contain an end-record signature', () => {
    const bytes = new Uint8Array(200);
    bytes.set([0x50, 0x4b, 0x05, 0x06], 150);
    assert.equal(readZipDirectory(bytes), null);
    assert.equal(readZipFiles(bytes).size, 0);
  });

  it('refuses a corrupted entry, an oversized one, an encrypted one and an unknown method', () => {
    const zip = writeZip([FILES[0]]);
    const corrupt = zip.slice();
    corrupt[30 + FILES[0].name.length] ^= 1;
    assert.throws(() => readZipFiles(corrupt), (e: unknown) => e instanceof ModelFormatError && /CRC-32/.test(e.message));
    const [entry] = readZipDirectory(zip)?.entries ?? [];
    assert.throws(() => readZipEntry(zip, entry, { maxEntryBytes: 4 }), MemoryLimitError);
    const central = zip.length - 22 - (46 + FILES[0].name.length);
    const encrypted = zip.slice();
    encrypted[central + 8] |= 1;
    assert.throws(() => readZipDirectory(encrypted), UnsupportedError);
    const bzip2 = zip.slice();
    bzip2[central + 10] = 12;
    assert.throws(() => readZipDirectory(bzip2), /compression method 12/);
  });

  it('refuses a directory that points outside the file', () => {
    const zip = writeZip([FILES[0]]);
    const bad = zip.slice();
    new DataView(bad.buffer).setUint32(zip.length - 22 - (46 + FILES[0].name.length) + 42, 1_000_000, true);
    assert.throws(() => readZipDirectory(bad), ModelFormatError);
  });

  it("reads the label file TFLite Support's populator zipped onto YAMNet", { skip: skipWithoutShared() }, () => {
    const model = new Uint8Array(readFileSync(join(sharedDir() ?? '', 'tasks', 'audio', 'model.tflite')));
    const files = readZipFiles(model);
    const labels = files.get('yamnet_label_list.txt');
    assert.ok(labels);
    const lines = new TextDecoder().decode(labels).trim().split('\n');
    assert.equal(lines.length, 521);
    assert.equal(lines[0], 'Speech');
    assert.equal(crc32(labels), readZipDirectory(model)?.entries[0].crc32);
  });
});
