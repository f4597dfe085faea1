import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { bundleLambda, crc32, zipEntries, type BundleResult } from './bundle.js';
import { bandModelFile, bandPng } from '@tflite-lambda/testing/cli';

const exampleHandler = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'mnist', 'src', 'handler.ts');

/** Reads a zip through its central directory (as unzip does) and checks each entry's CRC. */
function unzip(zip: Buffer): { name: string; data: Buffer; time: number; date: number }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = [];
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

describe('tflite-lambda bundle', () => {
  let result: BundleResult;
  let model: string;
  const temps: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  before(async () => {
    model = bandModelFile();
    temps.push(dirname(model));
    result = await bundleLambda({ outDir: tempDir('tflite-lambda-bundle-'), entry: exampleHandler, model });
  });
  after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('holds index.mjs and the model at the root, and serving code only', () => {
    const entries = unzip(readFileSync(result.zipPath));
    assert.deepEqual(entries.map((e) => e.name), ['index.mjs', 'model.tflite']);
    assert.deepEqual(entries[1].data, readFileSync(model));
    assert.ok(result.inputs.some((i) => i.includes('serving')), 'serving code is bundled');
    assert.ok(!result.inputs.some((i) => /tfjs|@tensorflow|packages\/train|packages\/cli/.test(i)), result.inputs.join('\n'));
    assert.equal(readFileSync(result.zipPath).length, result.bytes);
  });

  it('is reproducible byte for byte', async () => {
    const again = await bundleLambda({ outDir: tempDir('tflite-lambda-bundle-'), entry: exampleHandler, model });
    assert.ok(readFileSync(again.zipPath).equals(readFileSync(result.zipPath)));
  });

  it('runs an event through index.mjs unzipped in a folder without node_modules', () => {
    const dir = tempDir('tflite-lambda-unzipped-');
    for (const e of unzip(readFileSync(result.zipPath))) {
      mkdirSync(dirname(join(dir, e.name)), { recursive: true });
      writeFileSync(join(dir, e.name), e.data);
    }
    const event = { body: Buffer.from(bandPng(7)).toString('base64'), path: '/', httpMethod: 'POST', isBase64Encoded: true, headers: { 'Content-Type': 'image/png' } };
    writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
    const script = [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "const { handler } = await import('./index.mjs');",
      "const result = await handler(JSON.parse(readFileSync('event.json', 'utf8')), { awsRequestId: 'bundle-test' });",
      "writeFileSync('result.json', JSON.stringify(result));",
    ].join('\n');
    writeFileSync(join(dir, 'run.mjs'), script);
    // A clean environment: no tsx loader, no source condition, nothing but the unzipped files.
    const run = spawnSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.equal(run.status, 0, run.stderr);
    const response = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as { statusCode: number; body: string };
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((JSON.parse(response.body) as { value: number }).value, 7);
    assert.match(run.stdout, /"requestId":"bundle-test"/); // the Powertools log line
  });
});
