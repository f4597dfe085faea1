import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unzip } from '@tflite-lambda/testing/cli';
import { crc32, zipEntries } from './zip.js';

describe('zip writer', () => {
  it('writes entries in the given order with fixed timestamps, readable back with their CRCs', () => {
    const zip = Buffer.from(zipEntries([{ name: 'b.txt', data: Buffer.from('bee') }, { name: 'a.txt', data: new Uint8Array(5000) }]));
    const entries = unzip(zip);
    assert.deepEqual(entries.map((e) => [e.name, e.data.length, e.time, e.date]), [['b.txt', 3, 0, 0x21], ['a.txt', 5000, 0, 0x21]]);
    assert.equal(entries[0].data.toString(), 'bee');
  });

  it('computes the standard CRC-32 check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });
});
